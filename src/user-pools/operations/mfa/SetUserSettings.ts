import type {
  SetUserSettingsRequest,
  SetUserSettingsResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { setMfaOptions } from "../../auth/mfa/preferences.ts";
import { defineOperation } from "../../operation.ts";
import { signedIn } from "../signed-in/caller.ts";

/** The legacy SMS MFA switch (MFAOptions); SetUserMFAPreference is its successor. */
export default defineOperation<SetUserSettingsRequest, SetUserSettingsResponse>("SetUserSettings", {
  auth: "access-token",
  async handle(input, ctx) {
    await setMfaOptions(ctx, signedIn(ctx).user, input.MFAOptions ?? []);
    return {};
  },
});

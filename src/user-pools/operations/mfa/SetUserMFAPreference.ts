import type {
  SetUserMFAPreferenceRequest,
  SetUserMFAPreferenceResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { setMfaPreference } from "../../auth/mfa/preferences.ts";
import { defineOperation } from "../../operation.ts";
import { signedIn } from "../signed-in/caller.ts";

export default defineOperation<SetUserMFAPreferenceRequest, SetUserMFAPreferenceResponse>(
  "SetUserMFAPreference",
  {
    auth: "access-token",
    async handle(input, ctx) {
      await setMfaPreference(ctx, signedIn(ctx).user, input);
      return {};
    },
  },
);

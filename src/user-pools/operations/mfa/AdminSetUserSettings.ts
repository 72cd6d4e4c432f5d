import type {
  AdminSetUserSettingsRequest,
  AdminSetUserSettingsResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { setMfaOptions } from "../../auth/mfa/preferences.ts";
import { requirePool } from "../../domain/pools.ts";
import { requireUser } from "../../domain/users.ts";
import { defineOperation } from "../../operation.ts";

/** The legacy SMS MFA switch (MFAOptions); AdminSetUserMFAPreference is its successor. */
export default defineOperation<AdminSetUserSettingsRequest, AdminSetUserSettingsResponse>(
  "AdminSetUserSettings",
  {
    auth: "iam",
    async handle(input, ctx) {
      const pool = await requirePool(ctx, input.UserPoolId!);
      await setMfaOptions(ctx, await requireUser(ctx, pool, input.Username!), input.MFAOptions ?? []);
      return {};
    },
  },
);

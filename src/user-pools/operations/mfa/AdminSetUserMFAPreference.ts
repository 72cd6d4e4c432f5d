import type {
  AdminSetUserMFAPreferenceRequest,
  AdminSetUserMFAPreferenceResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { setMfaPreference } from "../../auth/mfa/preferences.ts";
import { requirePool } from "../../domain/pools.ts";
import { requireUser } from "../../domain/users.ts";
import { defineOperation } from "../../operation.ts";

export default defineOperation<AdminSetUserMFAPreferenceRequest, AdminSetUserMFAPreferenceResponse>(
  "AdminSetUserMFAPreference",
  {
    auth: "iam",
    async handle(input, ctx) {
      const pool = await requirePool(ctx, input.UserPoolId!);
      await setMfaPreference(ctx, await requireUser(ctx, pool, input.Username!), input);
      return {};
    },
  },
);

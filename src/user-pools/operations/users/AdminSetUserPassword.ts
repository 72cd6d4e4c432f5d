import type {
  AdminSetUserPasswordRequest,
  AdminSetUserPasswordResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { passwordFields } from "../../domain/password-set.ts";
import { checkPasswordPolicy } from "../../domain/passwords.ts";
import { poolConfig, requirePool } from "../../domain/pools.ts";
import { requireUser } from "../../domain/users.ts";
import { defineOperation } from "../../operation.ts";

export default defineOperation<AdminSetUserPasswordRequest, AdminSetUserPasswordResponse>(
  "AdminSetUserPassword",
  {
    auth: "iam",
    async handle(input, ctx) {
      const pool = await requirePool(ctx, input.UserPoolId!);
      const user = await requireUser(ctx, pool, input.Username!);
      checkPasswordPolicy(poolConfig(pool).Policies?.PasswordPolicy, input.Password!);
      const fields = await passwordFields(ctx, pool, user.username, input.Password!);
      const now = ctx.clock.nowMs();
      // A permanent password confirms the user; a temporary one must be changed at the next
      // sign-in (NEW_PASSWORD_REQUIRED). Existing sessions stay valid (API reference, AdminSetUserPassword).
      const status = input.Permanent ? "CONFIRMED" : "FORCE_CHANGE_PASSWORD";
      await ctx.store.users.update(user.id, { ...fields, status }, now);
      return {};
    },
  },
);

import type {
  ConfirmForgotPasswordRequest,
  ConfirmForgotPasswordResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { redeemCode } from "../../domain/codes.ts";
import { passwordFields } from "../../domain/password-set.ts";
import { checkPasswordPolicy } from "../../domain/passwords.ts";
import { poolConfig } from "../../domain/pools.ts";
import { preventsUserExistenceErrors, resolvePublicCall, userNotFound } from "../../domain/self-service.ts";
import { defineOperation } from "../../operation.ts";

export default defineOperation<ConfirmForgotPasswordRequest, ConfirmForgotPasswordResponse>(
  "ConfirmForgotPassword",
  {
    auth: "public",
    async handle(input, ctx) {
      const { client, pool, user } = await resolvePublicCall(ctx, input);
      // The policy depends only on the pool: checked before anything about the user, so the answer
      // does not tell a known user from an unknown one; a rejected password keeps the code unspent.
      checkPasswordPolicy(poolConfig(pool).Policies?.PasswordPolicy, input.Password!);
      if (!user) {
        // Developer guide, "Managing user existence error responses": ENABLED answers as for a wrong code.
        if (preventsUserExistenceErrors(client)) {
          throw new ServiceError(
            "CodeMismatchException",
            "Invalid verification code provided, please try again.",
          );
        }
        throw userNotFound();
      }
      await redeemCode(ctx, user, "forgot-password", input.ConfirmationCode!);
      const fields = await passwordFields(ctx, pool, user.username, input.Password!);
      const now = ctx.clock.nowMs();
      await ctx.store.transaction(async (tx) => {
        await tx.users.update(
          user.id,
          {
            ...fields,
            status: "CONFIRMED",
            failedAttempts: 0,
            lockedUntil: null,
          },
          now,
        );
        // A password reset signs the user out everywhere.
        await tx.refreshTokens.revokeAllForUser(user.id, now);
      });
      return {};
    },
  },
);

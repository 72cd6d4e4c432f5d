import type {
  AdminResetUserPasswordRequest,
  AdminResetUserPasswordResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { issueCode, sendCode } from "../../domain/codes.ts";
import { verificationMessage } from "../../domain/messages.ts";
import { requirePool } from "../../domain/pools.ts";
import { recoveryDestination } from "../../domain/self-service.ts";
import { requireUser } from "../../domain/users.ts";
import { defineOperation } from "../../operation.ts";

/**
 * Puts the user in RESET_REQUIRED and sends a forgot-password code to their recovery
 * destination; they finish with ConfirmForgotPassword. Sign-in with the old password
 * then answers PasswordResetRequiredException (API reference, AdminResetUserPassword).
 */
export default defineOperation<AdminResetUserPasswordRequest, AdminResetUserPasswordResponse>(
  "AdminResetUserPassword",
  {
    auth: "iam",
    async handle(input, ctx) {
      const pool = await requirePool(ctx, input.UserPoolId!);
      const user = await requireUser(ctx, pool, input.Username!);
      if (!user.enabled) throw new ServiceError("NotAuthorizedException", "User is disabled.");
      if (user.status !== "CONFIRMED" && user.status !== "RESET_REQUIRED") {
        throw new ServiceError(
          "NotAuthorizedException",
          "User password cannot be reset in the current state.",
        );
      }
      // The same destination rules as ForgotPassword: AccountRecoverySetting order, verified addresses only.
      const dest = recoveryDestination(pool, user);
      const now = ctx.clock.nowMs();
      const code = await ctx.store.transaction(async (tx) => {
        await tx.users.update(user.id, { status: "RESET_REQUIRED" }, now);
        await tx.refreshTokens.revokeAllForUser(user.id, now);
        return issueCode({ ...ctx, store: tx }, user, "forgot-password");
      });
      await sendCode(ctx, pool, user, dest, verificationMessage(pool, user, code));
      return {};
    },
  },
);

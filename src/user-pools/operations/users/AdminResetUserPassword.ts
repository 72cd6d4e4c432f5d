import type {
  AdminResetUserPasswordRequest,
  AdminResetUserPasswordResponse,
  RecoveryOptionType,
} from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import type { PoolRecord, UserRecord } from "../../../storage/records.ts";
import { type Destination, issueCode, sendCode } from "../../domain/codes.ts";
import { verificationMessage } from "../../domain/messages.ts";
import { poolConfig, requirePool } from "../../domain/pools.ts";
import { requireUser } from "../../domain/users.ts";
import { defineOperation } from "../../operation.ts";

// Without an AccountRecoverySetting, Cognito recovers through a verified phone first, then a verified email.
const LEGACY_RECOVERY: RecoveryOptionType[] = [
  { Priority: 1, Name: "verified_phone_number" },
  { Priority: 2, Name: "verified_email" },
];

/**
 * Puts the user in RESET_REQUIRED and sends a forgot-password code to their recovery
 * destination; they finish with ConfirmForgotPassword. Sign-in with the old password
 * then answers PasswordResetRequiredException (API reference, AdminResetUserPassword).
 */
export default defineOperation<AdminResetUserPasswordRequest, AdminResetUserPasswordResponse>("AdminResetUserPassword", {
  auth: "iam",
  async handle(input, ctx) {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const user = await requireUser(ctx, pool, input.Username!);
    if (!user.enabled) throw new ServiceError("NotAuthorizedException", "User is disabled.");
    if (user.status !== "CONFIRMED" && user.status !== "RESET_REQUIRED") {
      throw new ServiceError("NotAuthorizedException", "User password cannot be reset in the current state.");
    }
    const dest = recoveryDestination(pool, user);
    if (!dest) {
      throw new ServiceError("InvalidParameterException", "Cannot reset password for the user as there is no registered/verified email or phone_number");
    }
    const now = ctx.clock.nowMs();
    const code = await ctx.store.transaction(async (tx) => {
      await tx.users.update(user.id, { status: "RESET_REQUIRED" }, now);
      await tx.refreshTokens.revokeAllForUser(user.id, now);
      return issueCode({ ...ctx, store: tx }, user, "forgot-password");
    });
    await sendCode(ctx, pool, user, dest, verificationMessage(pool, user, code));
    return {};
  },
});

/** The first verified email or phone in the pool's account-recovery order; `admin_only` offers none. */
function recoveryDestination(pool: PoolRecord, user: UserRecord): Destination | undefined {
  const mechanisms = [...(poolConfig(pool).AccountRecoverySetting?.RecoveryMechanisms ?? LEGACY_RECOVERY)];
  mechanisms.sort((a, b) => (a.Priority ?? 0) - (b.Priority ?? 0));
  for (const m of mechanisms) {
    const attribute = m.Name === "verified_email" ? "email" : m.Name === "verified_phone_number" ? "phone_number" : undefined;
    if (!attribute) continue;
    const address = user.attributes[attribute];
    if (address && user.attributes[`${attribute}_verified`] === "true") {
      return { medium: attribute === "email" ? "EMAIL" : "SMS", attribute, address };
    }
  }
  return undefined;
}

import type {
  ChangePasswordRequest,
  ChangePasswordResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { recordFailure } from "../../auth/password-check.ts";
import { passwordFields } from "../../domain/password-set.ts";
import { checkPasswordPolicy } from "../../domain/passwords.ts";
import { poolConfig } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";
import { signedIn } from "./caller.ts";

const attemptLimit = () =>
  new ServiceError("LimitExceededException", "Attempt limit exceeded, please try after some time.");

/**
 * Changes the signed-in user's password after checking the previous one. Other sessions stay
 * signed in: Cognito does not revoke tokens on a password change (apps call GlobalSignOut for
 * that; aws-amplify/amplify-js#4168, #6559). Wrong previous passwords count towards the same
 * temporary lockout as sign-in, so a stolen access token cannot be used to guess the password.
 */
export default defineOperation<ChangePasswordRequest, ChangePasswordResponse>("ChangePassword", {
  auth: "access-token",
  async handle(input, ctx) {
    const { user, pool } = signedIn(ctx);
    const now = ctx.clock.nowMs();
    // A user without a password (passwordless sign-in only) may omit PreviousPassword (API reference).
    if (user.passwordHash !== null) {
      if (user.lockedUntil !== null && user.lockedUntil > now) throw attemptLimit();
      const { ok } = await ctx.services.passwords.verify(user.passwordHash, input.PreviousPassword ?? "");
      if (!ok) {
        throw (await recordFailure(ctx, user))
          ? attemptLimit()
          : new ServiceError("NotAuthorizedException", "Incorrect username or password.");
      }
    }
    checkPasswordPolicy(poolConfig(pool).Policies?.PasswordPolicy, input.ProposedPassword!);
    const fields = await passwordFields(ctx, pool, user.username, input.ProposedPassword!);
    await ctx.store.users.update(user.id, { ...fields, failedAttempts: 0, lockedUntil: null }, now);
    return {};
  },
});

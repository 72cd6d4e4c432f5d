import { ServiceError } from "../../protocol/aws-json/errors.ts";
import type { ClientRecord, PoolRecord, UserRecord } from "../../storage/records.ts";
import { passwordFields, srpFields } from "../domain/password-set.ts";
import { clientConfig, poolConfig } from "../domain/pools.ts";
import { findUser } from "../domain/users.ts";
import type { OperationContext } from "../operation.ts";

/** Failed sign-ins before Cognito's temporary lockout starts (developer guide, "User pool sign-in lockout"). */
export const LOCKOUT_AFTER = 5;
const MAX_LOCK_MS = 15 * 60_000;

const incorrect = () => new ServiceError("NotAuthorizedException", "Incorrect username or password.");

/**
 * The unknown-user answer: with PreventUserExistenceErrors ENABLED the same as a wrong password,
 * otherwise (LEGACY, the API default) UserNotFoundException.
 */
export function unknownUser(client: ClientRecord): ServiceError {
  return clientConfig(client).PreventUserExistenceErrors === "ENABLED"
    ? incorrect()
    : new ServiceError("UserNotFoundException", "User does not exist.");
}

/**
 * Checks a username and password the way Cognito's password flows do: constant work for unknown
 * users, temporary lockout after repeated failures, then the account-state errors. Re-hashes
 * passwords stored with weaker argon2 parameters.
 */
export async function checkPassword(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  username: string,
  password: string,
): Promise<UserRecord> {
  const user = await findUser(ctx, pool, username);
  if (!user) {
    await ctx.services.passwords.burn(password);
    throw unknownUser(client);
  }
  assertNotLockedOut(ctx, user);
  if (user.status === "RESET_REQUIRED" && user.passwordHash === null) {
    // Imported users have no password until they reset it (developer guide, "Importing users").
    await ctx.services.passwords.burn(password);
    throw new ServiceError("PasswordResetRequiredException", "Password reset required for the user");
  }
  const { ok, rehash } = await ctx.services.passwords.verify(user.passwordHash, password);
  if (!ok) return failedAttempt(ctx, user);
  assertCanSignIn(ctx, pool, user);
  // A re-hash keeps passwordSetAt (it bounds temporary passwords). Passwords stored before SRP
  // verifiers existed get one now, so USER_SRP_AUTH works for the user from here on.
  const fresh = rehash ? await passwordFields(ctx, pool, user.username, password) : undefined;
  const srp = fresh ?? (user.srpVerifier ? undefined : srpFields(ctx, pool, user.username, password));
  if (user.failedAttempts > 0 || user.lockedUntil !== null || fresh || srp) {
    await ctx.store.users.update(
      user.id,
      {
        failedAttempts: 0,
        lockedUntil: null,
        ...(fresh ? { passwordHash: fresh.passwordHash } : {}),
        ...(srp ? { srpSalt: srp.srpSalt, srpVerifier: srp.srpVerifier } : {}),
      },
      user.updatedAt,
    );
  }
  return user;
}

/** Refuses any first factor while the user is temporarily locked out. */
export function assertNotLockedOut(ctx: OperationContext, user: UserRecord): void {
  if (user.lockedUntil !== null && user.lockedUntil > ctx.clock.nowMs()) {
    throw new ServiceError("NotAuthorizedException", "Password attempts exceeded");
  }
}

/**
 * Counts a wrong password (or a wrong SRP proof) towards the temporary lockout and throws
 * Cognito's answer: "Incorrect username or password.", or "Password attempts exceeded" once locked.
 */
export async function failedAttempt(ctx: OperationContext, user: UserRecord): Promise<never> {
  throw (await recordFailure(ctx, user))
    ? new ServiceError("NotAuthorizedException", "Password attempts exceeded")
    : incorrect();
}

/**
 * Counts one wrong password towards the lockout, in the database so that a burst of parallel
 * guesses all count, and starts the lockout from the fifth. True when the user is now locked.
 */
export async function recordFailure(ctx: OperationContext, user: UserRecord): Promise<boolean> {
  const failures = await ctx.store.users.recordFailedAttempt(user.id);
  if (failures < LOCKOUT_AFTER) return false;
  const lockedUntil = ctx.clock.nowMs() + Math.min(1000 * 2 ** (failures - LOCKOUT_AFTER), MAX_LOCK_MS);
  await ctx.store.users.update(user.id, { lockedUntil }, user.updatedAt);
  return true;
}

/** The account-state errors that follow a correct password, in Cognito's order. */
export function assertCanSignIn(ctx: OperationContext, pool: PoolRecord, user: UserRecord): void {
  const now = ctx.clock.nowMs();
  if (!user.enabled) throw new ServiceError("NotAuthorizedException", "User is disabled.");
  if (user.status === "UNCONFIRMED")
    throw new ServiceError("UserNotConfirmedException", "User is not confirmed.");
  if (user.status === "RESET_REQUIRED")
    throw new ServiceError("PasswordResetRequiredException", "Password reset required for the user");
  if (user.status === "FORCE_CHANGE_PASSWORD") {
    const days = poolConfig(pool).Policies?.PasswordPolicy?.TemporaryPasswordValidityDays ?? 7;
    if (user.passwordSetAt !== null && now > user.passwordSetAt + days * 86_400_000) {
      throw new ServiceError(
        "NotAuthorizedException",
        "Temporary password has expired and must be reset by an administrator.",
      );
    }
  }
}

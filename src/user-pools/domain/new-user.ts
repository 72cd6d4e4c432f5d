import { ServiceError } from "../../protocol/aws-json/errors.ts";
import type { PoolRecord, UserRecord, UserStatus } from "../../storage/records.ts";
import type { OperationContext } from "../operation.ts";
import { poolConfig } from "./pools.ts";
import { findUser, normalizeUsername } from "./users.ts";

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const PHONE = /^\+[0-9]{4,15}$/;

/**
 * Works out the stored username and attributes for a new user. In pools whose
 * UsernameAttributes include email or phone_number, the typed name becomes that
 * attribute and the username is the user's sub, as in Cognito.
 */
export function shapeNewUser(
  ctx: Pick<OperationContext, "random">,
  pool: PoolRecord,
  typedName: string,
  attributes: Record<string, string>,
): { sub: string; username: string; attributes: Record<string, string> } {
  const sub = ctx.random.uuid();
  const usernameAttrs = poolConfig(pool).UsernameAttributes ?? [];
  const attrs = { ...attributes };
  if (usernameAttrs.length === 0) return { sub, username: typedName, attributes: attrs };
  if (usernameAttrs.includes("email") && EMAIL.test(typedName)) attrs.email ??= typedName;
  else if (usernameAttrs.includes("phone_number") && PHONE.test(typedName)) attrs.phone_number ??= typedName;
  else {
    const what =
      usernameAttrs.length === 2
        ? "either an email or a phone number"
        : usernameAttrs[0] === "email"
          ? "an email"
          : "a phone number";
    throw new ServiceError("InvalidParameterException", `Username should be ${what}.`);
  }
  return { sub, username: sub, attributes: attrs };
}

/**
 * Refuses a new user whose username, or whose sign-in email/phone (username
 * attributes), another user already holds.
 */
export async function assertUsernameFree(
  ctx: Pick<OperationContext, "store">,
  pool: PoolRecord,
  username: string,
  attributes: Record<string, string>,
  message: string,
): Promise<void> {
  if (await ctx.store.users.getByUsername(pool.id, normalizeUsername(pool, username))) {
    throw new ServiceError("UsernameExistsException", message);
  }
  for (const attr of poolConfig(pool).UsernameAttributes ?? []) {
    const v = attributes[attr];
    if (v && (await findUser(ctx, pool, v))) {
      throw new ServiceError(
        "UsernameExistsException",
        `An account with the given ${attr === "email" ? "email" : "phone_number"} already exists.`,
      );
    }
  }
}

/**
 * After `store.users.create` refused a user because a concurrent create won the race: the error
 * the check before it gives (which attribute is taken), now that the winner is stored.
 */
export async function refuseNewUser(
  ctx: Pick<OperationContext, "store">,
  pool: PoolRecord,
  username: string,
  attributes: Record<string, string>,
  message: string,
): Promise<never> {
  await assertUsernameFree(ctx, pool, username, attributes, message);
  throw new ServiceError("UsernameExistsException", message);
}

/**
 * What `store.users.create` must keep unique besides the username: the pool's UsernameAttributes
 * (email and/or phone_number sign in, so two users cannot hold one), checked race-free there.
 */
export const signInAttributes = (pool: PoolRecord): { uniqueAttributes: readonly string[] } => ({
  uniqueAttributes: poolConfig(pool).UsernameAttributes ?? [],
});

/**
 * What `store.users.setAttributes` must keep unique: the UsernameAttributes (any holder), and the
 * AliasAttributes email and phone_number among verified holders (a verified alias signs in, so
 * two users cannot both hold one verified), checked race-free there.
 */
export const addressUniqueness = (
  pool: PoolRecord,
): { uniqueAttributes: readonly string[]; verifiedAliases: readonly string[] } => ({
  ...signInAttributes(pool),
  verifiedAliases: (poolConfig(pool).AliasAttributes ?? []).filter(
    (a) => a === "email" || a === "phone_number",
  ),
});

/** A new UserRecord with defaults; the caller stores it. */
export function newUserRecord(
  ctx: Pick<OperationContext, "clock">,
  pool: PoolRecord,
  shaped: { sub: string; username: string; attributes: Record<string, string> },
  status: UserStatus,
  passwordHash: string | null,
): UserRecord {
  const now = ctx.clock.nowMs();
  return {
    id: shaped.sub,
    poolId: pool.id,
    username: shaped.username,
    usernameNorm: normalizeUsername(pool, shaped.username),
    status,
    enabled: true,
    passwordHash,
    passwordSetAt: passwordHash ? now : null,
    mfa: {},
    failedAttempts: 0,
    lockedUntil: null,
    createdAt: now,
    updatedAt: now,
    attributes: { sub: shaped.sub, ...shaped.attributes },
  };
}

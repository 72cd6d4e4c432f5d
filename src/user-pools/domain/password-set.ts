import type { PoolRecord } from "../../storage/records.ts";
import { makeVerifier, srpPoolName } from "../auth/srp/protocol.ts";
import type { OperationContext } from "../operation.ts";

/** What a stored password consists of: the argon2id hash and the SRP salt and verifier. */
export interface PasswordFields {
  passwordHash: string;
  passwordSetAt: number;
  srpSalt: string;
  srpVerifier: string;
}

/**
 * The SRP salt and verifier for `username` (the stored username, which clients receive as
 * USER_ID_FOR_SRP) and `password` in this pool.
 */
export function srpFields(
  ctx: Pick<OperationContext, "random">,
  pool: PoolRecord,
  username: string,
  password: string,
) {
  const { salt, verifier } = makeVerifier(srpPoolName(pool.id), username, password, ctx.random.bytes(16));
  return { srpSalt: salt, srpVerifier: verifier };
}

/**
 * Everything stored when a password is set, so the hash and the SRP verifier never drift
 * apart. Every path that sets a password uses this.
 *
 * @example
 * await ctx.store.users.update(user.id, { ...(await passwordFields(ctx, pool, user.username, pw)), status: "CONFIRMED" }, now);
 */
export async function passwordFields(
  ctx: Pick<OperationContext, "random" | "clock" | "services">,
  pool: PoolRecord,
  username: string,
  password: string,
): Promise<PasswordFields> {
  return {
    passwordHash: await ctx.services.passwords.hash(password),
    passwordSetAt: ctx.clock.nowMs(),
    ...srpFields(ctx, pool, username, password),
  };
}

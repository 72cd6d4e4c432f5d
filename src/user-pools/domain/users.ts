import type { AttributeType, UserType } from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../protocol/aws-json/errors.ts";
import type { PoolRecord, UserRecord } from "../../storage/records.ts";
import type { OperationContext } from "../operation.ts";
import { poolConfig } from "./pools.ts";

/** The stored form of a username: lower-cased when the pool is case-insensitive (API default: case-sensitive). */
export function normalizeUsername(pool: PoolRecord, username: string): string {
  return poolConfig(pool).UsernameConfiguration?.CaseSensitive === false ? username.toLowerCase() : username;
}

/**
 * Finds a user by what they type to sign in: the username, or an email/phone
 * when the pool uses them as username attributes, or a verified alias.
 */
export async function findUser(
  ctx: Pick<OperationContext, "store">,
  pool: PoolRecord,
  name: string,
): Promise<UserRecord | undefined> {
  const direct = await ctx.store.users.getByUsername(pool.id, normalizeUsername(pool, name));
  if (direct) return direct;
  const cfg = poolConfig(pool);
  for (const attr of cfg.UsernameAttributes ?? []) {
    const [u] = await ctx.store.users.findByAttribute(
      pool.id,
      attr,
      attr === "email" && cfg.UsernameConfiguration?.CaseSensitive === false ? name.toLowerCase() : name,
    );
    if (u) return u;
  }
  for (const attr of cfg.AliasAttributes ?? []) {
    const matches = await ctx.store.users.findByAttribute(pool.id, attr, name);
    const u =
      attr === "preferred_username"
        ? matches[0]
        : matches.find((m) => m.attributes[`${attr}_verified`] === "true");
    if (u) return u;
  }
  // Cognito also accepts the user's sub where it accepts a username.
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(name))
    return ctx.store.users.getById(pool.id, name);
  return undefined;
}

/** Like {@link findUser}, but throws `UserNotFoundException: User does not exist.` */
export async function requireUser(
  ctx: Pick<OperationContext, "store">,
  pool: PoolRecord,
  name: string,
): Promise<UserRecord> {
  const u = await findUser(ctx, pool, name);
  if (!u) throw new ServiceError("UserNotFoundException", "User does not exist.");
  return u;
}

export function toAttributeList(attrs: Record<string, string>, only?: readonly string[]): AttributeType[] {
  const names = Object.keys(attrs).sort((a, b) => (a === "sub" ? -1 : b === "sub" ? 1 : 0));
  return names.filter((n) => !only || only.includes(n)).map((Name) => ({ Name, Value: attrs[Name] }));
}

export function fromAttributeList(list: AttributeType[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of list ?? []) if (a.Name) out[a.Name] = a.Value ?? "";
  return out;
}

/** The UserType shape of ListUsers, AdminCreateUser, ListUsersInGroup. */
export function toUserType(u: UserRecord, attributesToGet?: readonly string[]): UserType {
  return {
    Username: u.username,
    Attributes: toAttributeList(u.attributes, attributesToGet),
    UserCreateDate: new Date(u.createdAt),
    UserLastModifiedDate: new Date(u.updatedAt),
    Enabled: u.enabled,
    UserStatus: u.status,
  };
}

/** Masks a destination as Cognito does: `u***@e***` for email, `+*******0100` for phone. */
export function maskDestination(medium: "EMAIL" | "SMS", destination: string): string {
  if (medium === "EMAIL") {
    const [local = "", domain = ""] = destination.split("@");
    return `${local.charAt(0)}***@${domain.charAt(0)}***`;
  }
  return `+${"*".repeat(Math.max(0, destination.length - 5))}${destination.slice(-4)}`;
}

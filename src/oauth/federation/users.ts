import type { PoolRecord, UserRecord } from "../../storage/records.ts";
import type { IdentityProviderRecord } from "../../storage/repositories/identity-providers.ts";
import { defaultSchema } from "../../user-pools/domain/attributes.ts";
import {
  COGNITO_SUBJECT,
  type FederatedIdentity,
  federatedUsername,
  formatIdentities,
  IDENTITIES_ATTRIBUTE,
} from "../../user-pools/domain/identities.ts";
import { newUserRecord } from "../../user-pools/domain/new-user.ts";
import { poolConfig } from "../../user-pools/domain/pools.ts";
import { normalizeUsername } from "../../user-pools/domain/users.ts";
import type { OperationContext } from "../../user-pools/operation.ts";
import { FederationError } from "./errors.ts";

/** The longest attribute value a pool keeps (StringAttributeConstraints' ceiling). */
const MAX_VALUE = 2048;

const asAttribute = (v: unknown): string | undefined => {
  if (v === undefined || v === null) return undefined;
  const s = typeof v === "string" ? v : typeof v === "object" ? JSON.stringify(v) : String(v);
  return s.length <= MAX_VALUE ? s : undefined;
};

/** The pool attributes the provider's claims give through AttributeMapping (`username` aside). */
export function mapAttributes(
  p: IdentityProviderRecord,
  claims: Record<string, unknown>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [attr, claim] of Object.entries(p.attributeMapping)) {
    if (attr === "username") continue;
    const v = asAttribute(claims[claim]);
    if (v !== undefined) out[attr] = v;
  }
  return out;
}

/**
 * The user a federated sign-in lands on (developer guide, "Adding user pool sign-in through a third
 * party"): the user AdminLinkProviderForUser linked this identity to; else the federated user
 * `<ProviderName>_<id>` (status EXTERNAL_PROVIDER), whose mapped attributes are refreshed at every
 * sign-in; else a new federated user.
 */
export async function federatedUser(
  ctx: OperationContext,
  pool: PoolRecord,
  p: IdentityProviderRecord,
  claims: Record<string, unknown>,
): Promise<UserRecord> {
  const subject = asAttribute(claims[p.attributeMapping.username ?? "sub"]);
  if (!subject) throw new FederationError("invalid_request", "the identity provider sent no user id");
  const mapped = mapAttributes(p, claims);
  const now = ctx.clock.nowMs();

  const links = await ctx.store.identityProviders.links(pool.id, p.name);
  const link = links.find((l) =>
    l.attributeName === COGNITO_SUBJECT
      ? l.attributeValue === subject
      : mapped[l.attributeName] === l.attributeValue,
  );
  const linked = link && (await ctx.store.users.getById(pool.id, link.userId));
  if (linked) return linked;

  const username = federatedUsername(p.name, subject);
  const existing = await ctx.store.users.getByUsername(pool.id, normalizeUsername(pool, username));
  if (existing) {
    const changed = Object.fromEntries(
      Object.entries(mapped).filter(([k, v]) => existing.attributes[k] !== v),
    );
    if (Object.keys(changed).length === 0) return existing;
    await ctx.store.users.setAttributes(existing, changed, now);
    return { ...existing, attributes: { ...existing.attributes, ...changed }, updatedAt: now };
  }

  for (const s of poolConfig(pool).SchemaAttributes ?? defaultSchema()) {
    if (s.Required && s.Name !== "sub" && !(s.Name! in mapped))
      throw new FederationError(
        "invalid_request",
        `Invalid user attributes: ${s.Name}: The attribute is required`,
      );
  }
  const identity: FederatedIdentity = {
    userId: subject,
    providerName: p.name,
    providerType: p.type,
    issuer: null,
    primary: true,
    dateCreated: now,
  };
  const user = newUserRecord(
    ctx,
    pool,
    {
      sub: ctx.random.uuid(),
      username,
      attributes: { ...mapped, [IDENTITIES_ATTRIBUTE]: formatIdentities([identity]) },
    },
    "EXTERNAL_PROVIDER",
    null,
  );
  if (await ctx.store.users.create(user)) return user;
  // Two first sign-ins at once: the other one created the user.
  const winner = await ctx.store.users.getByUsername(pool.id, user.usernameNorm);
  if (!winner) throw new FederationError("server_error", "the federated user could not be created");
  return winner;
}

import type { IdentityDescription } from "@aws-sdk/client-cognito-identity";
import { ServiceError } from "../../protocol/aws-json/errors.ts";
import type { IdentityPoolRecord, IdentityRecord } from "../../storage/repositories/identity-pools.ts";
import type { Store } from "../../storage/store.ts";
import type { OperationContext } from "../../user-pools/operation.ts";
import { providerNames, type VerifiedLogin } from "./logins.ts";
import { poolConfig, regionOf } from "./pools.ts";

/** Loads an identity or throws `ResourceNotFoundException: Identity '<id>' not found.` */
export async function requireIdentity(
  ctx: Pick<OperationContext, "store">,
  id: string,
): Promise<IdentityRecord> {
  const identity = await ctx.store.identityPools.getIdentity(id);
  if (!identity) throw new ServiceError("ResourceNotFoundException", `Identity '${id}' not found.`);
  return identity;
}

/** A merged-away identity is disabled for good (aws-amplify/amplify-js#6616 shows Cognito's wording). */
export function assertEnabled(identity: IdentityRecord): void {
  if (identity.disabled)
    throw new ServiceError("NotAuthorizedException", `Access to Identity '${identity.id}' is forbidden.`);
}

// Cognito's wording for these two (amazon-cognito-identity-js#68, aws-sdk-js-v3#3113).
export const loginsDontMatch = () =>
  new ServiceError(
    "NotAuthorizedException",
    "Logins don't match. Please include at least one valid login for this identity or identity pool.",
  );
export const noGuests = () =>
  new ServiceError(
    "NotAuthorizedException",
    "Unauthenticated access is not supported for this identity pool.",
  );

/** Guests need AllowUnauthenticatedIdentities. */
export function assertGuestsAllowed(pool: IdentityPoolRecord): void {
  if (!poolConfig(pool).AllowUnauthenticatedIdentities) throw noGuests();
}

/** Creates an identity `<region>:<uuid>` in the pool. */
export async function createIdentity(tx: Store, ctx: OperationContext, poolId: string): Promise<string> {
  const now = ctx.clock.nowMs();
  const id = `${regionOf(poolId)}:${ctx.random.uuid()}`;
  await tx.identityPools.createIdentity({ id, poolId, disabled: false, createdAt: now, updatedAt: now });
  return id;
}

/**
 * Links verified logins to an identity, the way Cognito's GetId, GetOpenIdToken and
 * GetOpenIdTokenForDeveloperIdentity do (developer guide, "Identity pools authentication flow"):
 * a login already linked decides the identity; a new login is linked to `identityId` (a guest
 * keeps its id) or to a new identity; when the logins belong to several identities they are
 * merged into the one that owns a login, and the others are disabled. Returns the identity id.
 */
export async function linkLogins(
  ctx: OperationContext,
  pool: IdentityPoolRecord,
  logins: VerifiedLogin[],
  opts: { identityId?: string; developerConflict?: boolean } = {},
): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await linkOnce(ctx, pool, logins, opts);
    } catch (e) {
      // Another request linked the same login meanwhile: run again, now finding it linked.
      if (!(e instanceof LoginRace) || attempt === 3) throw e;
    }
  }
}

class LoginRace extends Error {}

function linkOnce(
  ctx: OperationContext,
  pool: IdentityPoolRecord,
  logins: VerifiedLogin[],
  opts: { identityId?: string; developerConflict?: boolean },
): Promise<string> {
  return ctx.store.transaction(async (tx) => {
    const owners: string[] = [];
    for (const l of logins) {
      const found = await tx.identityPools.findLogin(pool.id, l.provider, l.subject);
      if (!found) continue;
      if (opts.developerConflict && l.developer && opts.identityId && found.identityId !== opts.identityId) {
        // The exception's documented meaning (GetOpenIdTokenForDeveloperIdentity, API reference).
        throw new ServiceError(
          "DeveloperUserAlreadyRegisteredException",
          "The provided developer user identifier is already registered with Cognito under a different identity ID.",
        );
      }
      if (!owners.includes(found.identityId)) owners.push(found.identityId);
    }
    const target = owners[0] ?? opts.identityId ?? (await createIdentity(tx, ctx, pool.id));
    const merged = [
      ...owners.slice(1),
      ...(opts.identityId && opts.identityId !== target && !owners.includes(opts.identityId)
        ? [opts.identityId]
        : []),
    ];
    for (const other of merged) await mergeInto(tx, ctx, pool, other, target);
    await addLogins(tx, ctx, pool, target, logins);
    await tx.identityPools.updateIdentity(target, {}, ctx.clock.nowMs());
    return target;
  });
}

/** Links the logins the target does not have yet. One login per public provider (developer guide, "Linking logins"); developer identifiers may be many. */
async function addLogins(
  tx: Store,
  ctx: OperationContext,
  pool: IdentityPoolRecord,
  target: string,
  logins: VerifiedLogin[],
): Promise<void> {
  const linked = (await tx.identityPools.logins(target)).items;
  for (const l of logins) {
    if (linked.some((x) => x.provider === l.provider && x.subject === l.subject)) continue;
    if (!l.developer && linked.some((x) => x.provider === l.provider)) {
      throw new ServiceError(
        "ResourceConflictException",
        `Identity ${target} already has a different login for ${l.provider}.`,
      );
    }
    const added = await tx.identityPools.addLogin({
      poolId: pool.id,
      provider: l.provider,
      subject: l.subject,
      identityId: target,
      createdAt: ctx.clock.nowMs(),
    });
    if (!added) throw new LoginRace();
    linked.push({
      poolId: pool.id,
      provider: l.provider,
      subject: l.subject,
      identityId: target,
      createdAt: 0,
    });
  }
}

/**
 * Moves every login of `from` to `to` and disables `from`. Two different users of one public
 * provider cannot share an identity; developer identifiers may.
 */
export async function mergeInto(
  tx: Store,
  ctx: OperationContext,
  pool: IdentityPoolRecord,
  from: string,
  to: string,
): Promise<void> {
  const developer = poolConfig(pool).DeveloperProviderName;
  const mine = (await tx.identityPools.logins(to)).items;
  for (const l of (await tx.identityPools.logins(from)).items) {
    if (l.provider !== developer && mine.some((m) => m.provider === l.provider && m.subject !== l.subject)) {
      throw new ServiceError(
        "ResourceConflictException",
        `Identities ${from} and ${to} have different logins for ${l.provider} and cannot be merged.`,
      );
    }
  }
  await tx.identityPools.moveLogins(from, to);
  await tx.identityPools.updateIdentity(from, { disabled: true }, ctx.clock.nowMs());
}

/** Requires that an authenticated identity is presented with at least one of its own logins. */
export async function assertOwnLogin(
  ctx: Pick<OperationContext, "store">,
  identity: IdentityRecord,
  logins: VerifiedLogin[],
): Promise<void> {
  const linked = (await ctx.store.identityPools.logins(identity.id)).items;
  if (linked.length === 0) return;
  if (!logins.some((l) => linked.some((x) => x.provider === l.provider && x.subject === l.subject)))
    throw loginsDontMatch();
}

/** IdentityDescription of DescribeIdentity and ListIdentities. */
export async function toIdentityDescription(
  store: Store,
  identity: IdentityRecord,
): Promise<IdentityDescription> {
  const logins = (await store.identityPools.logins(identity.id)).items;
  const out: IdentityDescription = {
    IdentityId: identity.id,
    CreationDate: new Date(identity.createdAt),
    LastModifiedDate: new Date(identity.updatedAt),
  };
  if (logins.length) out.Logins = providerNames(logins);
  return out;
}

/**
 * The identity a GetOpenIdToken / GetCredentialsForIdentity call acts for. A guest needs
 * AllowUnauthenticatedIdentities; an authenticated identity must be shown one of its own logins
 * ("It is not possible to get an unauthenticated token for authenticated or disabled identities",
 * developer guide); new logins are linked, and logins of another identity merge it in.
 */
export async function authorizeIdentity(
  ctx: OperationContext,
  pool: IdentityPoolRecord,
  identity: IdentityRecord,
  logins: VerifiedLogin[],
): Promise<string> {
  assertEnabled(identity);
  if (logins.length === 0) {
    if ((await ctx.store.identityPools.logins(identity.id, { limit: 1 })).items.length)
      throw loginsDontMatch();
    assertGuestsAllowed(pool);
    return identity.id;
  }
  await assertOwnLogin(ctx, identity, logins);
  return linkLogins(ctx, pool, logins, { identityId: identity.id });
}

/** The `amr` claim: "authenticated" with each provider and login, or "unauthenticated". */
export function amrFor(logins: VerifiedLogin[]): string[] {
  if (logins.length === 0) return ["unauthenticated"];
  return ["authenticated", ...new Set(logins.flatMap((l) => [l.provider, l.amr]))];
}

/** An identity of this pool, or ResourceNotFoundException. */
export async function requirePoolIdentity(
  ctx: Pick<OperationContext, "store">,
  pool: IdentityPoolRecord,
  id: string,
): Promise<IdentityRecord> {
  const identity = await requireIdentity(ctx, id);
  if (identity.poolId !== pool.id)
    throw new ServiceError("ResourceNotFoundException", `Identity '${id}' not found.`);
  return identity;
}

import type { ClientRecord, PoolRecord } from "../storage/records.ts";
import type { Store } from "../storage/store.ts";
import { clientConfig } from "../user-pools/domain/pools.ts";
import { OAuthError } from "./errors.ts";

/** Scopes Cognito defines itself; every other scope is a resource server's `<identifier>/<name>`. */
export const STANDARD_SCOPES = ["openid", "email", "phone", "profile", "aws.cognito.signin.user.admin"];

/** A `scope` parameter: space-separated (a literal `+` also separates, as Cognito accepts it). */
export function parseScope(raw: string | null | undefined): string[] | undefined {
  if (raw === null || raw === undefined || raw.trim() === "") return undefined;
  return [...new Set(raw.split(/[ +]+/).filter(Boolean))];
}

/** True when `scope` is `<identifier>/<name>` of a resource server of the pool that still defines it. */
async function customScopeExists(store: Store, poolId: string, scope: string): Promise<boolean> {
  const slash = scope.lastIndexOf("/");
  if (slash <= 0 || slash === scope.length - 1) return false;
  const rs = await store.oauth.getResourceServer(poolId, scope.slice(0, slash));
  const name = scope.slice(slash + 1);
  return rs?.scopes.some((s) => s.ScopeName === name) ?? false;
}

/**
 * The scopes granted for a request (developer guide, "Scopes, M2M, and APIs with resource servers"):
 * without a `scope` parameter, every scope the client allows; otherwise the requested ones, each of
 * which the client must allow (`invalid_scope`). Custom scopes count only while their resource
 * server defines them. `customOnly` is the client_credentials rule: resource-server scopes only.
 */
export async function grantScopes(
  store: Store,
  pool: PoolRecord,
  client: ClientRecord,
  requested: string[] | undefined,
  opts: { customOnly: boolean },
): Promise<string[]> {
  const allowed = clientConfig(client).AllowedOAuthScopes ?? [];
  const usable = async (s: string) =>
    STANDARD_SCOPES.includes(s) ? !opts.customOnly : await customScopeExists(store, pool.id, s);
  if (requested === undefined) {
    const out: string[] = [];
    for (const s of allowed) if (await usable(s)) out.push(s);
    if (out.length === 0) throw new OAuthError("invalid_scope", "the client allows no usable scope");
    return out;
  }
  for (const s of requested) {
    if (!allowed.includes(s) || !(await usable(s)))
      throw new OAuthError("invalid_scope", `scope ${s} is not allowed for this client`);
  }
  return requested;
}

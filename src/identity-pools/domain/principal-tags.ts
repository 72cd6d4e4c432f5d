import { ServiceError } from "../../protocol/aws-json/errors.ts";
import type { IdentityPoolRecord } from "../../storage/repositories/identity-pools.ts";
import type { OperationContext } from "../../user-pools/operation.ts";
import { userPoolIdOf, type VerifiedLogin } from "./logins.ts";
import { configuredProvider, type PrincipalTagMap, poolConfig, principalTagMaps } from "./pools.ts";

/** Default principal tags for user pools and OIDC providers (developer guide, "Default provider mappings"). */
export const DEFAULT_PRINCIPAL_TAGS: Readonly<Record<string, string>> = { client: "aud", username: "sub" };

/** The map SetPrincipalTagAttributeMap stored for a provider, with defaults spelled out. */
export function effectiveTagMap(map: PrincipalTagMap | undefined): Record<string, string> {
  if (!map) return {};
  return map.UseDefaults ? { ...DEFAULT_PRINCIPAL_TAGS } : map.PrincipalTags;
}

/** Session tags for an OpenID token: each mapped tag takes the value of its claim in the login's token. */
export function principalTagsFor(pool: IdentityPoolRecord, logins: VerifiedLogin[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const login of logins) {
    for (const [tag, claim] of Object.entries(effectiveTagMap(principalTagMaps(pool)[login.provider]))) {
      const value = login.claims[claim];
      if (value !== undefined && value !== null)
        out[tag] = Array.isArray(value) ? value.join(",") : String(value);
    }
  }
  return out;
}

/** The pool's own name for a provider it is configured with, or ResourceNotFoundException. */
export function requirePoolProvider(ctx: OperationContext, pool: IdentityPoolRecord, name: string): string {
  const provider =
    configuredProvider(pool, name, (n) => userPoolIdOf(n, ctx.services)) ??
    (poolConfig(pool).DeveloperProviderName === name ? name : undefined);
  if (!provider)
    throw new ServiceError(
      "ResourceNotFoundException",
      `Identity provider '${name}' is not configured for IdentityPool '${pool.id}'.`,
    );
  return provider;
}

import type { CognitoIdentityProvider, IdentityPool, RoleMapping } from "@aws-sdk/client-cognito-identity";
import { ServiceError } from "../../protocol/aws-json/errors.ts";
import type { IdentityPoolRecord } from "../../storage/repositories/identity-pools.ts";
import type { OperationContext } from "../../user-pools/operation.ts";

/** The settings an identity pool stores: IdentityPool without id, name and tags (kept apart). */
export type IdentityPoolConfig = Omit<
  IdentityPool,
  "IdentityPoolId" | "IdentityPoolName" | "IdentityPoolTags"
>;

/** What SetIdentityPoolRoles stores. */
export interface PoolRoles {
  Roles?: Record<string, string>;
  RoleMappings?: Record<string, RoleMapping>;
}

/** A principal-tag attribute map of one identity provider (SetPrincipalTagAttributeMap). */
export interface PrincipalTagMap {
  UseDefaults: boolean;
  PrincipalTags: Record<string, string>;
}

export const poolConfig = (pool: IdentityPoolRecord): IdentityPoolConfig => pool.config as IdentityPoolConfig;
export const poolRoles = (pool: IdentityPoolRecord): PoolRoles => pool.roles as PoolRoles;
export const principalTagMaps = (pool: IdentityPoolRecord): Record<string, PrincipalTagMap> =>
  pool.principalTags as Record<string, PrincipalTagMap>;

/** Loads an identity pool or throws Cognito's `ResourceNotFoundException: IdentityPool '<id>' not found.` */
export async function requireIdentityPool(
  ctx: Pick<OperationContext, "store">,
  id: string,
): Promise<IdentityPoolRecord> {
  const pool = await ctx.store.identityPools.getPool(id);
  // Wording as Cognito returns it (aws-amplify/amplify-js#14117, awslabs/aws-sdk-android-samples#163).
  if (!pool) throw new ServiceError("ResourceNotFoundException", `IdentityPool '${id}' not found.`);
  return pool;
}

/**
 * The settings of a CreateIdentityPool or UpdateIdentityPool request. Cognito resets every
 * setting the request leaves out to its default ("If you don't provide a value for a parameter,
 * Amazon Cognito sets it to its default value", API reference), so nothing is merged.
 */
export function buildPoolConfig(
  input: Omit<IdentityPool, "IdentityPoolId" | "IdentityPoolName">,
): IdentityPoolConfig {
  const config: IdentityPoolConfig = {
    AllowUnauthenticatedIdentities: input.AllowUnauthenticatedIdentities ?? false,
    AllowClassicFlow: input.AllowClassicFlow ?? false,
  };
  if (input.SupportedLoginProviders && Object.keys(input.SupportedLoginProviders).length) {
    config.SupportedLoginProviders = input.SupportedLoginProviders;
  }
  if (input.DeveloperProviderName !== undefined) config.DeveloperProviderName = input.DeveloperProviderName;
  if (input.OpenIdConnectProviderARNs?.length)
    config.OpenIdConnectProviderARNs = input.OpenIdConnectProviderARNs;
  if (input.CognitoIdentityProviders?.length) {
    config.CognitoIdentityProviders = input.CognitoIdentityProviders.map(
      (p): CognitoIdentityProvider => ({
        ProviderName: p.ProviderName,
        ClientId: p.ClientId,
        ServerSideTokenCheck: p.ServerSideTokenCheck ?? false,
      }),
    );
  }
  if (input.SamlProviderARNs?.length) config.SamlProviderARNs = input.SamlProviderARNs;
  return config;
}

/** The IdentityPool shape Create/Describe/UpdateIdentityPool return. */
export function toIdentityPoolType(pool: IdentityPoolRecord): IdentityPool {
  return {
    IdentityPoolId: pool.id,
    IdentityPoolName: pool.name,
    ...poolConfig(pool),
    IdentityPoolTags: pool.tags,
  };
}

/** The pool's region: identity pool and identity ids are `<region>:<uuid>`. */
export const regionOf = (poolId: string): string => poolId.slice(0, poolId.indexOf(":"));

export const identityPoolArn = (poolId: string, account = "000000000000"): string =>
  `arn:aws:cognito-identity:${regionOf(poolId)}:${account}:identitypool/${poolId}`;

/** The pool a tagging request names, or Cognito's ResourceNotFoundException. */
export async function requirePoolByArn(
  ctx: Pick<OperationContext, "store">,
  arn: string,
): Promise<IdentityPoolRecord> {
  const m = /^arn:aws:cognito-identity:[^:]*:[^:]*:identitypool\/(.+)$/.exec(arn);
  const pool = m ? await ctx.store.identityPools.getPool(m[1]!) : undefined;
  if (!pool)
    throw new ServiceError("ResourceNotFoundException", `IdentityPool '${m?.[1] ?? arn}' not found.`);
  return pool;
}

/**
 * The pool's own name for a provider it is configured with, or undefined: a user pool
 * (`ProviderName` of CognitoIdentityProviders, in either issuer form), a key of
 * SupportedLoginProviders, the host of an OpenID Connect provider ARN, or a SAML provider ARN.
 */
export function configuredProvider(
  pool: IdentityPoolRecord,
  name: string,
  userPoolIdOf: (n: string) => string | undefined,
): string | undefined {
  const c = poolConfig(pool);
  const userPoolId = userPoolIdOf(name);
  const cognito = (c.CognitoIdentityProviders ?? []).find(
    (p) =>
      p.ProviderName === name ||
      (userPoolId && p.ProviderName && userPoolIdOf(p.ProviderName) === userPoolId),
  );
  if (cognito) return cognito.ProviderName;
  if (name in (c.SupportedLoginProviders ?? {})) return name;
  if ((c.OpenIdConnectProviderARNs ?? []).some((arn) => arn.endsWith(`oidc-provider/${name}`))) return name;
  if ((c.SamlProviderARNs ?? []).includes(name)) return name;
  return undefined;
}

/**
 * The canonical RoleMappings key for `key`, or undefined when it names no configured provider:
 * `<user pool provider>:<app client id>` for user pools, the provider name otherwise.
 */
export function roleMappingKey(
  pool: IdentityPoolRecord,
  key: string,
  userPoolIdOf: (n: string) => string | undefined,
): string | undefined {
  const direct = configuredProvider(pool, key, userPoolIdOf);
  if (direct && !userPoolIdOf(key)) return direct;
  const colon = key.lastIndexOf(":");
  if (colon < 0) return undefined;
  const [provider, clientId] = [key.slice(0, colon), key.slice(colon + 1)];
  const userPoolId = userPoolIdOf(provider);
  const entry = (poolConfig(pool).CognitoIdentityProviders ?? []).find(
    (p) =>
      p.ClientId === clientId && p.ProviderName && userPoolId && userPoolIdOf(p.ProviderName) === userPoolId,
  );
  return entry ? `${entry.ProviderName}:${clientId}` : undefined;
}

/** Opaque pagination tokens. */
export const encodeToken = (key: string): string => Buffer.from(key, "utf8").toString("base64url");
export const decodeToken = (token: string | undefined): string | undefined =>
  token ? Buffer.from(token, "base64url").toString("utf8") : undefined;

/** The pool's developer provider, which a request must name exactly. */
export function requireDeveloperProvider(pool: IdentityPoolRecord, name: string): string {
  const developer = poolConfig(pool).DeveloperProviderName;
  if (!developer || developer !== name) {
    throw new ServiceError(
      "ResourceNotFoundException",
      `Developer provider '${name}' is not configured for IdentityPool '${pool.id}'.`,
    );
  }
  return developer;
}

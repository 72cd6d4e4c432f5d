import type { IdentityProviderType, ProviderDescription } from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import type { PoolRecord } from "../../../storage/records.ts";
import type { IdentityProviderRecord } from "../../../storage/repositories/identity-providers.ts";
import { defaultSchema, STANDARD_ATTRIBUTES } from "../../domain/attributes.ts";
import { poolConfig } from "../../domain/pools.ts";
import type { OperationContext } from "../../operation.ts";

const invalid = (message: string) => new ServiceError("InvalidParameterException", message);

/** Social providers: cognate stores them, but signing in with them would call a third party. */
export const SOCIAL_TYPES = ["Google", "Facebook", "LoginWithAmazon", "SignInWithApple"] as const;

/**
 * ProviderDetails each type needs (API reference, CreateIdentityProvider, ProviderDetails).
 * For OIDC, authorize_url, token_url, attributes_url and jwks_uri are optional: they come from the
 * discovery document at `<oidc_issuer>/.well-known/openid-configuration` when absent.
 */
const REQUIRED_DETAILS: Record<string, readonly string[]> = {
  OIDC: ["client_id", "authorize_scopes", "oidc_issuer"],
  Google: ["client_id", "client_secret", "authorize_scopes"],
  Facebook: ["client_id", "client_secret", "authorize_scopes"],
  LoginWithAmazon: ["client_id", "client_secret", "authorize_scopes"],
  SignInWithApple: ["client_id", "team_id", "key_id", "private_key", "authorize_scopes"],
};

const OIDC_URL_DETAILS = ["oidc_issuer", "authorize_url", "token_url", "attributes_url", "jwks_uri"] as const;

/**
 * The claim Cognito maps to `username` when the mapping does not say (DescribeIdentityProvider of a
 * new provider shows it): the provider's user id, which also makes the username `<ProviderName>_<id>`.
 */
const USERNAME_CLAIM: Record<string, string> = {
  OIDC: "sub",
  Google: "sub",
  Facebook: "id",
  LoginWithAmazon: "user_id",
  SignInWithApple: "sub",
};

/** Refuses SAML with a clear message: cognate has no SAML service provider yet. */
export function assertSupportedType(type: string): void {
  if (type === "SAML")
    throw invalid(
      "cognate does not support SAML identity providers yet; configure an OIDC provider instead.",
    );
}

/** Checks a provider name against its type: social providers are named after their type; others may not take those names. */
export function checkProviderName(name: string, type: string): void {
  const social = (SOCIAL_TYPES as readonly string[]).includes(type);
  if (social && name !== type) throw invalid(`The provider name of a ${type} provider must be ${type}.`);
  const reserved = [...SOCIAL_TYPES, "Cognito", "COGNITO"] as readonly string[];
  if (!social && reserved.includes(name)) throw invalid(`The provider name ${name} is reserved.`);
}

/** Validates ProviderDetails for the type and returns them with Cognito's defaults applied. */
export function checkProviderDetails(type: string, details: Record<string, string>): Record<string, string> {
  const out = { ...details };
  for (const key of REQUIRED_DETAILS[type] ?? []) {
    if (!out[key]?.trim()) throw invalid(`ProviderDetails of a ${type} provider must include ${key}.`);
  }
  if (type !== "OIDC") return out;
  out.attributes_request_method ??= "GET";
  if (out.attributes_request_method !== "GET" && out.attributes_request_method !== "POST")
    throw invalid("attributes_request_method must be GET or POST.");
  if (!out.authorize_scopes!.split(/\s+/).includes("openid"))
    throw invalid("authorize_scopes of an OIDC provider must include openid.");
  for (const key of OIDC_URL_DETAILS) {
    const v = out[key];
    if (v === undefined) continue;
    let url: URL | undefined;
    try {
      url = new URL(v);
    } catch {
      url = undefined;
    }
    // Cognito asks for https; cognate also accepts http, so a provider on the same machine works.
    if (!url || (url.protocol !== "https:" && url.protocol !== "http:"))
      throw invalid(`${key} must be an http or https URL.`);
  }
  out.oidc_issuer = out.oidc_issuer!.replace(/\/+$/, "");
  return out;
}

/**
 * Validates an AttributeMapping (user pool attribute → the provider's claim): every key is
 * `username` or an attribute of the pool, never `sub`. Adds the default `username` mapping.
 */
export function checkAttributeMapping(
  pool: PoolRecord,
  type: string,
  mapping: Record<string, string>,
): Record<string, string> {
  const schema = new Set([
    ...STANDARD_ATTRIBUTES,
    ...(poolConfig(pool).SchemaAttributes ?? defaultSchema()).map((s) => s.Name!),
  ]);
  for (const [attr, claim] of Object.entries(mapping)) {
    if (attr === "sub" || (attr !== "username" && !schema.has(attr)))
      throw invalid(
        `The attribute ${attr} cannot be mapped: it is not a writable attribute of the user pool.`,
      );
    if (!claim) throw invalid(`The attribute mapping of ${attr} names no provider attribute.`);
  }
  return { username: USERNAME_CLAIM[type] ?? "sub", ...mapping };
}

/** IdpIdentifiers may not repeat; uniqueness across providers is the store's constraint. */
export function checkIdentifiers(identifiers: string[] | undefined): string[] {
  const list = identifiers ?? [];
  const seen = new Set<string>();
  for (const id of list) {
    if (seen.has(id)) throw invalid(`Duplicate IdpIdentifier ${id}.`);
    seen.add(id);
  }
  return list;
}

export const identifierTaken = () =>
  invalid("One of the IdpIdentifiers is already used by another provider of this user pool.");

/** Loads a provider or throws ResourceNotFoundException. */
export async function requireProvider(
  ctx: Pick<OperationContext, "store">,
  poolId: string,
  name: string,
): Promise<IdentityProviderRecord> {
  const p = await ctx.store.identityProviders.get(poolId, name);
  if (!p) throw new ServiceError("ResourceNotFoundException", `Identity provider ${name} does not exist.`);
  return p;
}

/** IdentityProviderType, as Create/Describe/Update/GetIdentityProviderByIdentifier answer it. */
export function toIdentityProviderType(p: IdentityProviderRecord): IdentityProviderType {
  return {
    UserPoolId: p.poolId,
    ProviderName: p.name,
    ProviderType: p.type as IdentityProviderType["ProviderType"],
    ProviderDetails: p.details,
    AttributeMapping: p.attributeMapping,
    IdpIdentifiers: p.idpIdentifiers,
    LastModifiedDate: new Date(p.updatedAt),
    CreationDate: new Date(p.createdAt),
  };
}

/** ProviderDescription, as ListIdentityProviders answers it. */
export function toProviderDescription(p: IdentityProviderRecord): ProviderDescription {
  return {
    ProviderName: p.name,
    ProviderType: p.type as ProviderDescription["ProviderType"],
    LastModifiedDate: new Date(p.updatedAt),
    CreationDate: new Date(p.createdAt),
  };
}

/** The pool's own directory, as DestinationUser/SourceUser name it. */
export const isCognito = (providerName: string): boolean =>
  providerName === "Cognito" || providerName === "COGNITO";

import { createRemoteJWKSet, type JWTVerifyGetKey } from "jose";
import type { IdentityProviderRecord } from "../../storage/repositories/identity-providers.ts";
import type { OAuthDeps } from "../context.ts";
import { FederationError } from "./errors.ts";

/** Where an OIDC provider's endpoints are, from ProviderDetails and its discovery document. */
export interface ProviderEndpoints {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  jwksUri: string;
  userinfoEndpoint: string | undefined;
  /** token_endpoint_auth_methods_supported; OIDC Discovery's default is client_secret_basic. */
  tokenAuthMethods: string[];
}

/** Discovery documents are kept this long, so a provider's changes show up without a restart. */
const DISCOVERY_TTL_MS = 10 * 60 * 1000;
const FETCH_TIMEOUT_MS = 5000;

const documents = new Map<string, { at: number; doc: Record<string, unknown> }>();
const keySets = new Map<string, JWTVerifyGetKey>();

/** Fetches JSON from a provider, with a timeout; any failure is a FederationError. */
export async function fetchJson(
  url: string,
  init: RequestInit,
  what: string,
): Promise<Record<string, unknown>> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch (e) {
    throw new FederationError("server_error", `the identity provider's ${what} could not be reached`, e);
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!res.ok || typeof body !== "object" || body === null || Array.isArray(body)) {
    const error = (body as { error?: unknown } | undefined)?.error;
    // A 4xx is about this request (a used code, a refused client); anything else is the provider's fault.
    throw new FederationError(
      res.status >= 400 && res.status < 500 ? "invalid_request" : "server_error",
      `the identity provider's ${what} answered HTTP ${res.status}${typeof error === "string" ? ` ${error}` : ""}`,
    );
  }
  return body as Record<string, unknown>;
}

async function discoveryDocument(deps: OAuthDeps, issuer: string): Promise<Record<string, unknown>> {
  const now = deps.clock.nowMs();
  const cached = documents.get(issuer);
  if (cached && now - cached.at < DISCOVERY_TTL_MS) return cached.doc;
  const doc = await fetchJson(
    `${issuer}/.well-known/openid-configuration`,
    { headers: { accept: "application/json" } },
    "discovery document",
  );
  // OIDC Discovery §4.3: the document's issuer must be the one it was fetched for.
  if (typeof doc.issuer !== "string" || doc.issuer.replace(/\/+$/, "") !== issuer)
    throw new FederationError(
      "server_error",
      "the identity provider's discovery document names another issuer",
    );
  documents.set(issuer, { at: now, doc });
  return doc;
}

/**
 * The provider's endpoints: authorize_url, token_url, attributes_url and jwks_uri from
 * ProviderDetails when given (Cognito accepts them when it cannot discover them), the rest from
 * `<oidc_issuer>/.well-known/openid-configuration`, fetched and kept for ten minutes.
 */
export async function providerEndpoints(
  deps: OAuthDeps,
  p: IdentityProviderRecord,
): Promise<ProviderEndpoints> {
  const d = p.details;
  const issuer = d.oidc_issuer!;
  const explicit = d.authorize_url && d.token_url && d.jwks_uri;
  const doc = explicit ? {} : await discoveryDocument(deps, issuer);
  const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);
  const authorizationEndpoint = d.authorize_url ?? str(doc.authorization_endpoint);
  const tokenEndpoint = d.token_url ?? str(doc.token_endpoint);
  const jwksUri = d.jwks_uri ?? str(doc.jwks_uri);
  if (!authorizationEndpoint || !tokenEndpoint || !jwksUri)
    throw new FederationError("server_error", "the identity provider's discovery document lacks an endpoint");
  const methods = doc.token_endpoint_auth_methods_supported;
  return {
    issuer,
    authorizationEndpoint,
    tokenEndpoint,
    jwksUri,
    userinfoEndpoint: d.attributes_url ?? str(doc.userinfo_endpoint),
    tokenAuthMethods: Array.isArray(methods) ? methods.filter((m): m is string => typeof m === "string") : [],
  };
}

/** The provider's signing keys (jose caches them and refetches when a token names an unknown key). */
export function providerKeys(jwksUri: string): JWTVerifyGetKey {
  let keys = keySets.get(jwksUri);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: FETCH_TIMEOUT_MS });
    keySets.set(jwksUri, keys);
  }
  return keys;
}

import { createHash } from "node:crypto";
import { isSecure, setCookie } from "../../hosted-ui/cookies.ts";
import { CSRF_COOKIE, csrfFor } from "../../hosted-ui/csrf.ts";
import type { Site } from "../../hosted-ui/session.ts";
import type { IdentityProviderRecord } from "../../storage/repositories/identity-providers.ts";
import { clientConfig } from "../../user-pools/domain/pools.ts";
import { type AuthorizeRequest, redirectWith } from "../authorize.ts";
import type { OAuthDeps } from "../context.ts";
import { providerEndpoints } from "./discovery.ts";
import { FederationError } from "./errors.ts";
import { browserBinding, FEDERATION_STATE_TTL_MS, sealState } from "./state.ts";

/** The pool's own directory: `identity_provider=COGNITO` is the hosted sign-in page. */
const COGNITO = "COGNITO";

/** The provider an authorization request names with `identity_provider` or `idp_identifier`, if it names one. */
async function requestedProvider(
  deps: OAuthDeps,
  site: Site,
  req: AuthorizeRequest,
): Promise<IdentityProviderRecord | undefined> {
  const name = req.query.get("identity_provider");
  const identifier = req.query.get("idp_identifier");
  if (name === COGNITO || (name === null && identifier === null)) return undefined;
  const provider =
    name !== null
      ? await deps.store.identityProviders.get(site.pool.id, name)
      : await deps.store.identityProviders.getByIdentifier(site.pool.id, identifier!);
  if (!provider)
    throw new FederationError(
      "invalid_request",
      name !== null
        ? `identity provider ${name} does not exist`
        : `no identity provider has the identifier ${identifier}`,
    );
  if (!(clientConfig(req.client).SupportedIdentityProviders ?? []).includes(provider.name))
    throw new FederationError(
      "unauthorized_client",
      `the client does not support identity provider ${provider.name}`,
    );
  // Social providers would mean calling Google, Facebook, Amazon or Apple; an OIDC provider covers any of them.
  if (provider.type !== "OIDC")
    throw new FederationError(
      "invalid_request",
      `cognate does not sign in with ${provider.type} providers; configure ${provider.name} as an OIDC provider`,
    );
  return provider;
}

/** Where the provider sends the browser back: Cognito's `/oauth2/idpresponse` on the same site. */
function idpResponseUrl(deps: OAuthDeps, site: Site, request: Request): string {
  if (site.base) return `${deps.baseUrl()}${site.base}/oauth2/idpresponse`;
  return `${isSecure(request) ? "https" : "http"}://${request.headers.get("host")}/oauth2/idpresponse`;
}

/**
 * The federated branch of `/oauth2/authorize`: undefined when the request names no external
 * provider; otherwise a redirect to the provider's authorization endpoint (authorization code,
 * PKCE S256, a nonce, and a sealed state bound to this browser), or the error, sent to the client.
 */
export async function startFederation(
  deps: OAuthDeps,
  site: Site,
  request: Request,
  req: AuthorizeRequest,
): Promise<Response | undefined> {
  try {
    const provider = await requestedProvider(deps, site, req);
    if (!provider) return undefined;
    const endpoints = await providerEndpoints(deps, provider);
    const csrf = await csrfFor(deps, request);
    const codeVerifier = deps.random.bytes(32).toString("base64url");
    const nonce = deps.random.bytes(24).toString("base64url");
    const redirectUri = idpResponseUrl(deps, site, request);
    const state = await sealState(deps, site.pool.id, {
      provider: provider.name,
      query: req.query.toString(),
      redirectUri,
      codeVerifier,
      nonce,
      browser: browserBinding(csrf.nonce),
      expiresAt: deps.clock.nowMs() + FEDERATION_STATE_TTL_MS,
    });
    const url = new URL(endpoints.authorizationEndpoint);
    const params: Record<string, string> = {
      response_type: "code",
      client_id: provider.details.client_id!,
      redirect_uri: redirectUri,
      scope: provider.details.authorize_scopes!,
      state,
      nonce,
      code_challenge: createHash("sha256").update(codeVerifier).digest("base64url"),
      code_challenge_method: "S256",
    };
    const prompt = req.query.get("prompt");
    if (prompt) params.prompt = prompt;
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    const headers = new Headers({ location: url.toString(), "cache-control": "no-store" });
    if (csrf.fresh)
      headers.append(
        "set-cookie",
        setCookie(CSRF_COOKIE, csrf.nonce, {
          path: site.base || "/",
          maxAgeSeconds: 3600,
          secure: isSecure(request),
        }),
      );
    return new Response(null, { status: 302, headers });
  } catch (e) {
    if (!(e instanceof FederationError)) throw e;
    deps.logger.debug(`federated sign-in refused: ${e.description}`, { pool: site.pool.id });
    return redirectWith(req.redirectUri, req.responseType === "token" ? "fragment" : "query", {
      error: e.error,
      error_description: e.description,
      state: req.state,
    });
  }
}

/**
 * The sign-in page's buttons: one per OIDC provider of the pool the client lists in
 * SupportedIdentityProviders, each the same authorization request with `identity_provider` set.
 */
export async function providerButtons(
  deps: OAuthDeps,
  site: Site,
  req: AuthorizeRequest,
): Promise<{ name: string; href: string }[]> {
  const out: { name: string; href: string }[] = [];
  for (const name of clientConfig(req.client).SupportedIdentityProviders ?? []) {
    if (name === COGNITO) continue;
    const provider = await deps.store.identityProviders.get(site.pool.id, name);
    if (provider?.type !== "OIDC") continue;
    const query = new URLSearchParams(req.query);
    query.delete("idp_identifier");
    query.set("identity_provider", name);
    out.push({ name, href: `${site.base}/oauth2/authorize?${query}` });
  }
  return out;
}

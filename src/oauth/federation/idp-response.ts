import { errors as joseErrors, jwtVerify } from "jose";
import { messages } from "../../hosted-ui/messages.ts";
import { type Site, startSession } from "../../hosted-ui/session.ts";
import { nowSeconds } from "../../runtime/clock.ts";
import type { IdentityProviderRecord } from "../../storage/repositories/identity-providers.ts";
import {
  type AuthorizeRequest,
  checkAuthorizeRequest,
  completeAuthorization,
  errorPage,
  redirectWith,
} from "../authorize.ts";
import { type OAuthDeps, operationContext } from "../context.ts";
import { fetchJson, type ProviderEndpoints, providerEndpoints, providerKeys } from "./discovery.ts";
import { FederationError } from "./errors.ts";
import { type FederationState, openState, sameBrowser } from "./state.ts";
import { federatedUser } from "./users.ts";

/** Errors a provider may send back that mean something to the client as they are (OIDC Core §3.1.2.6). */
const PASS_THROUGH = new Set([
  "access_denied",
  "login_required",
  "consent_required",
  "interaction_required",
  "account_selection_required",
  "temporarily_unavailable",
]);

/** Exchanges the provider's code at its token endpoint (RFC 6749 §4.1.3, client_secret_basic unless only _post is offered). */
async function exchangeCode(
  p: IdentityProviderRecord,
  endpoints: ProviderEndpoints,
  s: FederationState,
  code: string,
): Promise<{ idToken: string; accessToken: string | undefined }> {
  const form = new URLSearchParams({
    grant_type: "authorization_code",
    code,
    redirect_uri: s.redirectUri,
    code_verifier: s.codeVerifier,
  });
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded",
    accept: "application/json",
  };
  const { client_id: id, client_secret: secret } = p.details;
  const methods = endpoints.tokenAuthMethods;
  if (!secret) form.set("client_id", id!);
  else if (methods.length === 0 || methods.includes("client_secret_basic"))
    headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(id!)}:${encodeURIComponent(secret)}`).toString("base64")}`;
  else {
    form.set("client_id", id!);
    form.set("client_secret", secret);
  }
  const body = await fetchJson(
    endpoints.tokenEndpoint,
    { method: "POST", headers, body: form.toString() },
    "token endpoint",
  );
  if (typeof body.id_token !== "string")
    throw new FederationError("invalid_request", "the identity provider sent no ID token");
  return {
    idToken: body.id_token,
    accessToken: typeof body.access_token === "string" ? body.access_token : undefined,
  };
}

/** Verifies the provider's ID token (OIDC Core §3.1.3.7): signature by its keys, issuer, audience, expiry, nonce. */
async function verifyIdToken(
  deps: OAuthDeps,
  p: IdentityProviderRecord,
  endpoints: ProviderEndpoints,
  s: FederationState,
  idToken: string,
): Promise<Record<string, unknown>> {
  const clientId = p.details.client_id!;
  let claims: Record<string, unknown>;
  try {
    const r = await jwtVerify(idToken, providerKeys(endpoints.jwksUri), {
      issuer: endpoints.issuer,
      audience: clientId,
      currentDate: new Date(deps.clock.nowMs()),
      clockTolerance: 60,
      requiredClaims: ["sub", "iat", "exp"],
    });
    claims = r.payload as Record<string, unknown>;
  } catch (e) {
    const why = e instanceof joseErrors.JOSEError ? e.code : "unexpected error";
    throw new FederationError("invalid_request", "the identity provider's ID token is not valid", why);
  }
  if (claims.nonce !== s.nonce)
    throw new FederationError("invalid_request", "the identity provider's ID token is not valid", "nonce");
  if (Array.isArray(claims.aud) && claims.aud.length > 1 && claims.azp !== clientId)
    throw new FederationError("invalid_request", "the identity provider's ID token is not valid", "azp");
  return claims;
}

/** The provider's userInfo claims, when it has the endpoint; its `sub` must be the ID token's (OIDC Core §5.3.2). */
async function userInfo(
  p: IdentityProviderRecord,
  endpoints: ProviderEndpoints,
  accessToken: string | undefined,
  sub: unknown,
): Promise<Record<string, unknown>> {
  if (!endpoints.userinfoEndpoint || !accessToken) return {};
  const method = p.details.attributes_request_method === "POST" ? "POST" : "GET";
  const info = await fetchJson(
    endpoints.userinfoEndpoint,
    { method, headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" } },
    "userInfo endpoint",
  );
  if (info.sub !== sub)
    throw new FederationError("invalid_request", "the identity provider's userInfo is for another user");
  return info;
}

/** Provider → code exchange → verified claims → user → cognate's own authorization code for the client. */
async function finish(
  deps: OAuthDeps,
  site: Site,
  request: Request,
  sourceIp: string,
  req: AuthorizeRequest,
  s: FederationState,
  query: URLSearchParams,
): Promise<Response> {
  const idpError = query.get("error");
  if (idpError) {
    const description = query.get("error_description");
    throw new FederationError(
      PASS_THROUGH.has(idpError) ? idpError : "invalid_request",
      `the identity provider answered ${idpError.slice(0, 64)}${description ? `: ${description.slice(0, 200)}` : ""}`,
    );
  }
  const code = query.get("code");
  if (!code) throw new FederationError("invalid_request", "the identity provider sent no code");
  const provider = await deps.store.identityProviders.get(site.pool.id, s.provider);
  if (provider?.type !== "OIDC")
    throw new FederationError("invalid_request", `identity provider ${s.provider} does not exist`);
  const endpoints = await providerEndpoints(deps, provider);
  const tokens = await exchangeCode(provider, endpoints, s, code);
  const idClaims = await verifyIdToken(deps, provider, endpoints, s, tokens.idToken);
  const claims = { ...idClaims, ...(await userInfo(provider, endpoints, tokens.accessToken, idClaims.sub)) };
  const ctx = operationContext(deps, sourceIp);
  const user = await federatedUser(ctx, site.pool, provider, claims);
  if (!user.enabled) throw new FederationError("invalid_request", "User is disabled.");
  const authTime = nowSeconds(deps.clock);
  const cookie = await startSession(deps, site, request, user.id, authTime);
  return completeAuthorization(deps, site, req, { userId: user.id, authTime }, sourceIp, {
    "set-cookie": cookie,
  });
}

/**
 * `GET /oauth2/idpresponse`: where an external OIDC provider sends the browser back. The sealed
 * state must open, belong to this browser, and still describe a valid authorization request
 * (failures show the error page: there is no client to trust yet); every later failure goes back
 * to the client as `error` and `state`.
 */
export async function idpResponseEndpoint(
  deps: OAuthDeps,
  site: Site,
  request: Request,
  sourceIp: string,
): Promise<Response> {
  const query = new URL(request.url).searchParams;
  const s = await openState(deps, site.pool.id, query.get("state"));
  if (!s || !sameBrowser(request, s))
    return errorPage("invalid_request", messages.pageErrors.federationState);
  const req = await checkAuthorizeRequest(deps, site, new URLSearchParams(s.query));
  if ("kind" in req) return req.response;
  try {
    return await finish(deps, site, request, sourceIp, req, s, query);
  } catch (e) {
    if (!(e instanceof FederationError)) throw e;
    deps.logger.debug(`federated sign-in failed: ${e.description}`, {
      pool: site.pool.id,
      provider: s.provider,
      ...(e.detail !== undefined ? { detail: String(e.detail) } : {}),
    });
    return redirectWith(req.redirectUri, req.responseType === "token" ? "fragment" : "query", {
      error: e.error,
      error_description: e.description,
      state: req.state,
    });
  }
}

import { messages } from "../hosted-ui/messages.ts";
import { renderPage } from "../hosted-ui/render.ts";
import { currentSession, type Site } from "../hosted-ui/session.ts";
import { ErrorView } from "../hosted-ui/views/error.tsx";
import type { ClientRecord } from "../storage/records.ts";
import { clientConfig } from "../user-pools/domain/pools.ts";
import { sha256 } from "../user-pools/tokens/tokens.ts";
import { type OAuthDeps, operationContext } from "./context.ts";
import { OAuthError } from "./errors.ts";
import { startFederation } from "./federation/start.ts";
import { PKCE_METHOD } from "./pkce.ts";
import { grantScopes, parseScope } from "./scopes.ts";

/** Authorization codes live five minutes (developer guide, "The token endpoint"). */
export const CODE_TTL_MS = 5 * 60 * 1000;

/** A checked authorization request: what the login page and the code issuer work from. */
export interface AuthorizeRequest {
  client: ClientRecord;
  responseType: "code" | "token";
  redirectUri: string;
  scopes: string[];
  state: string | null;
  nonce: string | null;
  codeChallenge: string | null;
  codeChallengeMethod: string | null;
  prompt: string | null;
  /** The original query, passed on to the login page. */
  query: URLSearchParams;
}

/** How a request that cannot go on ends: an error page (the client cannot be trusted) or a redirect to it. */
export type AuthorizeFailure =
  | { kind: "page"; response: Response }
  | { kind: "redirect"; response: Response };

const FLOW_OF = { code: "code", token: "implicit" } as const;

/** Renders the error page: no redirect when the client or its redirect_uri cannot be trusted (RFC 6749 §4.1.2.1). */
export async function errorPage(error: string, explanation: string, status = 400): Promise<Response> {
  return renderPage(ErrorView({ error, explanation }), status);
}

/**
 * Checks an authorization request in the order RFC 6749 §4.1.2.1 requires: client and redirect_uri
 * first (failures show an error page), then everything else (failures go back to the client as
 * `error` and `state`).
 */
export async function checkAuthorizeRequest(
  deps: OAuthDeps,
  site: Site,
  query: URLSearchParams,
): Promise<AuthorizeRequest | AuthorizeFailure> {
  const clientId = query.get("client_id");
  const client = clientId ? await deps.store.clients.get(clientId) : undefined;
  if (!client || client.poolId !== site.pool.id)
    return { kind: "page", response: await errorPage("invalid_request", messages.pageErrors.client) };
  const cfg = clientConfig(client);
  const redirectUri = query.get("redirect_uri");
  // Exact string match against CallbackURLs (developer guide, "App client settings").
  if (!redirectUri || !(cfg.CallbackURLs ?? []).includes(redirectUri)) {
    return {
      kind: "page",
      response: await errorPage("redirect_mismatch", messages.pageErrors.redirect_mismatch),
    };
  }
  const rawType = query.get("response_type");
  const fail = (e: OAuthError): AuthorizeFailure => ({
    kind: "redirect",
    response: redirectWith(redirectUri, rawType === "token" ? "fragment" : "query", {
      error: e.error,
      error_description: e.description,
      state: query.get("state"),
    }),
  });
  try {
    if (!rawType) throw new OAuthError("invalid_request", "response_type is missing");
    if (rawType !== "code" && rawType !== "token")
      throw new OAuthError("unsupported_response_type", `response_type ${rawType} is not supported`);
    if (!cfg.AllowedOAuthFlowsUserPoolClient || !(cfg.AllowedOAuthFlows ?? []).includes(FLOW_OF[rawType])) {
      throw new OAuthError("unauthorized_client", `the client does not allow the ${FLOW_OF[rawType]} flow`);
    }
    const method = query.get("code_challenge_method");
    const challenge = query.get("code_challenge");
    if (method !== null && method !== PKCE_METHOD)
      throw new OAuthError("invalid_request", "code_challenge_method must be S256");
    if (method !== null && !challenge) throw new OAuthError("invalid_request", "code_challenge is missing");
    const scopes = await grantScopes(deps.store, site.pool, client, parseScope(query.get("scope")), {
      customOnly: false,
    });
    return {
      client,
      responseType: rawType,
      redirectUri,
      scopes,
      state: query.get("state"),
      nonce: query.get("nonce"),
      codeChallenge: challenge,
      codeChallengeMethod: challenge ? PKCE_METHOD : null,
      prompt: query.get("prompt"),
      query,
    };
  } catch (e) {
    if (e instanceof OAuthError) return fail(e);
    throw e;
  }
}

/** A 302 to the client's redirect_uri with parameters in its query (code flow) or fragment (implicit). */
export function redirectWith(
  uri: string,
  where: "query" | "fragment",
  params: Record<string, string | null | undefined>,
  headers: HeadersInit = {},
): Response {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined) p.set(k, v);
  let location: string;
  if (where === "fragment") location = `${uri.split("#")[0]}#${p}`;
  else location = `${uri}${uri.includes("?") ? "&" : "?"}${p}`;
  const h = new Headers(headers);
  h.set("location", location);
  h.set("cache-control", "no-store");
  return new Response(null, { status: 302, headers: h });
}

/**
 * Finishes an authorization for a signed-in user: an authorization code (stored by hash, bound to
 * client, redirect_uri, scopes, nonce and PKCE challenge) or, for the implicit flow, tokens in the fragment.
 */
export async function completeAuthorization(
  deps: OAuthDeps,
  site: Site,
  req: AuthorizeRequest,
  user: { userId: string; authTime: number },
  sourceIp: string,
  headers: HeadersInit = {},
): Promise<Response> {
  const ctx = operationContext(deps, sourceIp);
  const now = ctx.clock.nowMs();
  if (req.responseType === "code") {
    // Cognito's codes are UUIDs.
    const code = ctx.random.uuid();
    await ctx.store.oauth.putCode({
      codeHash: sha256(code),
      poolId: site.pool.id,
      clientId: req.client.clientId,
      userId: user.userId,
      redirectUri: req.redirectUri,
      scope: req.scopes.join(" "),
      nonce: req.nonce,
      codeChallenge: req.codeChallenge,
      codeChallengeMethod: req.codeChallengeMethod,
      authTime: user.authTime,
      expiresAt: now + CODE_TTL_MS,
      createdAt: now,
    });
    // Now and then, sweep codes and sessions nobody redeemed (about one request in 32).
    if ((ctx.random.bytes(1)[0] ?? 0) < 8) await ctx.store.oauth.purgeExpired(now);
    return redirectWith(req.redirectUri, "query", { code, state: req.state }, headers);
  }
  const u = await ctx.store.users.getById(site.pool.id, user.userId);
  if (!u?.enabled)
    return redirectWith(req.redirectUri, "fragment", { error: "access_denied", state: req.state }, headers);
  const { items: groups } = await ctx.store.groups.listForUser(u.id);
  const r = await ctx.services.tokens.issue({
    pool: site.pool,
    client: req.client,
    user: u,
    groups,
    scope: req.scopes.join(" "),
    idToken: req.scopes.includes("openid"),
    authTime: user.authTime,
    ...(req.nonce ? { nonce: req.nonce } : {}),
  });
  // The implicit flow hands out no refresh token (developer guide, "The authorize endpoint").
  return redirectWith(
    req.redirectUri,
    "fragment",
    {
      id_token: r.IdToken,
      access_token: r.AccessToken,
      expires_in: String(r.ExpiresIn),
      token_type: "Bearer",
      state: req.state,
    },
    headers,
  );
}

/**
 * `GET /oauth2/authorize`: check the request; with a live hosted-UI session (and no prompt=login)
 * finish at once, with prompt=none and no session answer login_required, otherwise send the
 * browser to the sign-in page with the same parameters.
 */
export async function authorizeEndpoint(
  deps: OAuthDeps,
  site: Site,
  request: Request,
  sourceIp: string,
): Promise<Response> {
  const query = new URL(request.url).searchParams;
  const checked = await checkAuthorizeRequest(deps, site, query);
  if ("kind" in checked) return checked.response;
  // identity_provider or idp_identifier naming an external provider: off to it (src/oauth/federation/).
  const federated = await startFederation(deps, site, request, checked);
  if (federated) return federated;
  const session = checked.prompt === "login" ? undefined : await currentSession(deps, site, request);
  if (session) {
    const user = await deps.store.users.getById(site.pool.id, session.userId);
    if (user?.enabled)
      return completeAuthorization(
        deps,
        site,
        checked,
        { userId: user.id, authTime: session.authTime },
        sourceIp,
      );
  }
  if (checked.prompt === "none") {
    return redirectWith(checked.redirectUri, checked.responseType === "token" ? "fragment" : "query", {
      error: "login_required",
      state: checked.state,
    });
  }
  return new Response(null, {
    status: 302,
    headers: { location: `${site.base}/login?${query}`, "cache-control": "no-store" },
  });
}

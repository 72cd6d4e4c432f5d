import type { ClientRecord, PoolRecord } from "../storage/records.ts";
import { clientConfig } from "../user-pools/domain/pools.ts";
import { rotateRefreshToken, rotates } from "../user-pools/tokens/rotation.ts";
import { sha256 } from "../user-pools/tokens/tokens.ts";
import { authenticateClient, presentedCredentials } from "./client-auth.ts";
import { type OAuthDeps, operationContext } from "./context.ts";
import { errorResponse, jsonResponse, OAuthError } from "./errors.ts";
import { verifyPkce } from "./pkce.ts";
import { grantScopes, parseScope } from "./scopes.ts";

interface GrantRequest {
  deps: OAuthDeps;
  pool: PoolRecord;
  client: ClientRecord;
  form: URLSearchParams;
  sourceIp: string;
}

/** One grant type of the token endpoint. `flow` is the AllowedOAuthFlows value that enables it, if any. */
interface Grant {
  flow?: "code" | "client_credentials";
  handle(req: GrantRequest): Promise<Record<string, unknown>>;
}

const required = (form: URLSearchParams, name: string): string => {
  const v = form.get(name);
  if (!v) throw new OAuthError("invalid_request", `${name} is missing`);
  return v;
};

const invalidGrant = (why: string) => new OAuthError("invalid_grant", why);

async function userTokens(
  req: GrantRequest,
  userId: string,
  scope: string[],
  extra: { nonce?: string; authTime?: number },
) {
  const ctx = operationContext(req.deps, req.sourceIp);
  const user = await ctx.store.users.getById(req.pool.id, userId);
  if (!user?.enabled) throw invalidGrant("the user no longer exists or is disabled");
  const { items: groups } = await ctx.store.groups.listForUser(user.id);
  return ctx.services.tokens.issue({
    pool: req.pool,
    client: req.client,
    user,
    groups,
    scope: scope.join(" "),
    idToken: scope.includes("openid"),
    ...(extra.nonce ? { nonce: extra.nonce } : {}),
    ...(extra.authTime ? { authTime: extra.authTime } : {}),
  });
}

/**
 * authorization_code (developer guide, "The token endpoint"): the code is consumed first, so a
 * second redemption fails even when the first one is still running; then it must have been issued
 * to this client, for this redirect_uri, within its lifetime, and the PKCE verifier must match.
 */
const authorizationCode: Grant = {
  flow: "code",
  async handle(req) {
    const code = required(req.form, "code");
    const redirectUri = required(req.form, "redirect_uri");
    const stored = await req.deps.store.oauth.consumeCode(sha256(code));
    if (!stored || stored.poolId !== req.pool.id || stored.clientId !== req.client.clientId)
      throw invalidGrant("unknown or used code");
    if (stored.expiresAt <= req.deps.clock.nowMs()) throw invalidGrant("the code has expired");
    if (stored.redirectUri !== redirectUri)
      throw invalidGrant("redirect_uri differs from the authorization request");
    if (
      stored.codeChallenge &&
      !verifyPkce(stored.codeChallenge, req.form.get("code_verifier") ?? undefined)
    ) {
      throw invalidGrant("code_verifier does not match the code_challenge");
    }
    const scope = stored.scope.split(" ");
    const r = await userTokens(req, stored.userId, scope, {
      ...(stored.nonce ? { nonce: stored.nonce } : {}),
      authTime: stored.authTime,
    });
    return {
      id_token: r.IdToken,
      access_token: r.AccessToken,
      refresh_token: r.RefreshToken,
      expires_in: r.ExpiresIn,
      token_type: "Bearer",
    };
  },
};

/**
 * refresh_token: new access (and, with openid, ID) tokens for the original sign-in. With the
 * client's refresh-token rotation on, also a new refresh token, and the one presented is retired
 * (developer guide, "Refresh tokens": the token endpoint rotates as GetTokensFromRefreshToken does).
 */
const refreshToken: Grant = {
  async handle(req) {
    const token = required(req.form, "refresh_token");
    const stored = await req.deps.store.refreshTokens.getByHash(sha256(token));
    if (!stored || stored.poolId !== req.pool.id || stored.clientId !== req.client.clientId)
      throw invalidGrant("unknown refresh token");
    if (stored.revokedAt !== null) throw invalidGrant("the refresh token was revoked");
    if (stored.expiresAt <= req.deps.clock.nowMs())
      throw invalidGrant(
        stored.rotatedAt != null ? "the refresh token was rotated" : "the refresh token has expired",
      );
    const ctx = operationContext(req.deps, req.sourceIp);
    const user = await ctx.store.users.getById(req.pool.id, stored.userId);
    if (!user?.enabled) throw invalidGrant("the user no longer exists or is disabled");
    const idToken = stored.scopes.split(" ").includes("openid");
    const r = rotates(req.client)
      ? await rotateRefreshToken(ctx, req.pool, req.client, stored, user, { idToken })
      : await ctx.services.tokens.issue({
          pool: req.pool,
          client: req.client,
          user,
          groups: (await ctx.store.groups.listForUser(user.id)).items,
          scope: stored.scopes,
          idToken,
          session: { originJti: stored.originJti, eventId: stored.eventId, authTime: stored.authTime },
        });
    return {
      id_token: r.IdToken,
      access_token: r.AccessToken,
      refresh_token: r.RefreshToken,
      expires_in: r.ExpiresIn,
      token_type: "Bearer",
    };
  },
};

/** client_credentials: machine-to-machine, confidential clients only, resource-server scopes only, an access token only. */
const clientCredentials: Grant = {
  flow: "client_credentials",
  async handle(req) {
    if (req.client.secret === null)
      throw new OAuthError("unauthorized_client", "client_credentials needs a client with a secret");
    const scope = await grantScopes(req.deps.store, req.pool, req.client, parseScope(req.form.get("scope")), {
      customOnly: true,
    });
    const r = await req.deps.services.tokens.issueClientCredentials(req.pool, req.client, scope.join(" "));
    return { access_token: r.accessToken, expires_in: r.expiresIn, token_type: "Bearer" };
  },
};

/** Grant types by `grant_type`: a registry, not a switch. */
const grants: Readonly<Record<string, Grant>> = {
  authorization_code: authorizationCode,
  refresh_token: refreshToken,
  client_credentials: clientCredentials,
};

/**
 * `POST /oauth2/token`: read the form → find the grant → authenticate the client → check the
 * client may use OAuth and this flow → run the grant. Errors are JSON `{"error": …}`.
 */
export async function tokenEndpoint(
  deps: OAuthDeps,
  pool: PoolRecord,
  request: Request,
  sourceIp: string,
): Promise<Response> {
  try {
    const form = await readForm(request);
    const grantType = form.get("grant_type");
    if (!grantType) throw new OAuthError("invalid_request", "grant_type is missing");
    const grant = grants[grantType];
    if (!grant) throw new OAuthError("unsupported_grant_type", `grant_type ${grantType} is not supported`);
    const client = await authenticateClient(deps.store, pool, presentedCredentials(request.headers, form));
    const cfg = clientConfig(client);
    if (!cfg.AllowedOAuthFlowsUserPoolClient)
      throw new OAuthError("unauthorized_client", "the client is not enabled for OAuth");
    if (grant.flow && !(cfg.AllowedOAuthFlows ?? []).includes(grant.flow)) {
      throw new OAuthError("unauthorized_client", `the client does not allow the ${grant.flow} flow`);
    }
    const body = await grant.handle({ deps, pool, client, form, sourceIp });
    return jsonResponse(Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)));
  } catch (e) {
    if (e instanceof OAuthError) {
      deps.logger.debug(`token endpoint → ${e.error}`, { reason: e.description });
      return errorResponse(e);
    }
    throw e;
  }
}

/** An `application/x-www-form-urlencoded` body with no repeated parameter (RFC 6749 §3.2). */
export async function readForm(request: Request): Promise<URLSearchParams> {
  if (request.method !== "POST") throw new OAuthError("invalid_request", "use POST", 405, { allow: "POST" });
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
    throw new OAuthError("invalid_request", "the body must be application/x-www-form-urlencoded");
  }
  const form = new URLSearchParams(await request.text());
  const seen = new Set<string>();
  for (const k of form.keys()) {
    if (seen.has(k)) throw new OAuthError("invalid_request", `${k} is repeated`);
    seen.add(k);
  }
  return form;
}

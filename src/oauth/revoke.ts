import type { PoolRecord } from "../storage/records.ts";
import { clientConfig } from "../user-pools/domain/pools.ts";
import { sha256 } from "../user-pools/tokens/tokens.ts";
import { authenticateClient, presentedCredentials } from "./client-auth.ts";
import type { OAuthDeps } from "./context.ts";
import { errorResponse, OAuthError } from "./errors.ts";
import { readForm } from "./token.ts";

/**
 * `POST /oauth2/revoke` (developer guide, "The revoke endpoint"; RFC 7009): revokes a refresh token
 * and every access token issued from it. Unknown tokens, and tokens of other clients, are ignored
 * with 200 as RFC 7009 §2.2 asks; only refresh tokens can be revoked.
 */
export async function revokeEndpoint(deps: OAuthDeps, pool: PoolRecord, request: Request): Promise<Response> {
  try {
    const form = await readForm(request);
    const token = form.get("token");
    if (!token) throw new OAuthError("invalid_request", "token is missing");
    const client = await authenticateClient(deps.store, pool, presentedCredentials(request.headers, form));
    if (clientConfig(client).EnableTokenRevocation === false)
      throw new OAuthError("unauthorized_client", "token revocation is off for this client");
    if (token.split(".").length === 3)
      throw new OAuthError("unsupported_token_type", "only refresh tokens can be revoked");
    const stored = await deps.store.refreshTokens.getByHash(sha256(token));
    if (stored && stored.clientId === client.clientId)
      await deps.store.refreshTokens.revoke(stored.originJti, deps.clock.nowMs());
    return new Response(null, { status: 200, headers: { "cache-control": "no-store" } });
  } catch (e) {
    if (e instanceof OAuthError) return errorResponse(e);
    throw e;
  }
}

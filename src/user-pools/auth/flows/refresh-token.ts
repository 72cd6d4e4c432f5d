import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { checkSecretHash } from "../../domain/secret-hash.ts";
import { sha256 } from "../../tokens/tokens.ts";
import { checkRefreshDevice } from "../devices/sign-in.ts";
import type { AuthRequest } from "../outcome.ts";
import { type AuthFlow, requireParam } from "./types.ts";

/**
 * REFRESH_TOKEN_AUTH: new access and ID tokens that keep the original sign-in's auth_time,
 * origin_jti and event_id. No new refresh token (Cognito without refresh-token rotation).
 */
async function refresh(req: AuthRequest) {
  const token = requireParam(req.params, "REFRESH_TOKEN");
  const invalid = () => new ServiceError("NotAuthorizedException", "Invalid Refresh Token");
  const {
    token: stored,
    user,
    groups = [],
  } = await req.ctx.store.refreshTokens.getByHashWithUser(sha256(token));
  if (!stored || stored.clientId !== req.client.clientId || stored.poolId !== req.pool.id) throw invalid();
  if (stored.revokedAt !== null)
    throw new ServiceError("NotAuthorizedException", "Refresh Token has been revoked");
  if (stored.expiresAt <= req.ctx.clock.nowMs())
    throw new ServiceError("NotAuthorizedException", "Refresh Token has expired");
  await checkRefreshDevice(req, stored);
  if (!user) throw invalid();
  // The SECRET_HASH of a refresh is computed over the username (or, for alias pools, the sub).
  checkSecretHash(
    req.client,
    [req.params.USERNAME ?? "", user.username, user.id].filter(Boolean),
    req.params.SECRET_HASH,
  );
  if (!user.enabled) throw new ServiceError("NotAuthorizedException", "User is disabled.");
  const result = await req.ctx.services.tokens.issue({
    pool: req.pool,
    client: req.client,
    user,
    groups,
    scope: stored.scopes,
    session: { originJti: stored.originJti, eventId: stored.eventId, authTime: stored.authTime },
  });
  return { kind: "tokens" as const, result };
}

export const refreshTokenAuth: AuthFlow = {
  flow: "REFRESH_TOKEN_AUTH",
  allowedBy: ["ALLOW_REFRESH_TOKEN_AUTH", "ADMIN_NO_SRP_AUTH", "USER_PASSWORD_AUTH", "CUSTOM_AUTH_FLOW_ONLY"],
  via: "both",
  start: refresh,
};

export const refreshTokenLegacy: AuthFlow = { ...refreshTokenAuth, flow: "REFRESH_TOKEN" };

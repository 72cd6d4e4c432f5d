import type { AuthenticationResultType } from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt } from "jose";
import type { ClientRecord, PoolRecord, RefreshTokenRecord, UserRecord } from "../../storage/records.ts";
import { clientConfig } from "../domain/pools.ts";
import type { OperationContext } from "../operation.ts";

/** Whether the client rotates refresh tokens (its RefreshTokenRotation is ENABLED). */
export const rotates = (client: ClientRecord): boolean =>
  clientConfig(client).RefreshTokenRotation?.Feature === "ENABLED";

/**
 * Refresh-token rotation, for GetTokensFromRefreshToken and the token endpoint's refresh_token
 * grant (developer guide, "Refresh tokens"; API reference, RefreshTokenRotationType): the token
 * presented is retired, and keeps working for the client's RetryGracePeriodSeconds (0–60) so a
 * client can retry; new ID, access and refresh tokens start a new session that keeps the original
 * sign-in's auth_time and device, and the new refresh token expires when the original would have
 * ("valid for the remaining time of the original refresh token").
 */
export async function rotateRefreshToken(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  stored: RefreshTokenRecord,
  user: UserRecord,
  opts: { idToken?: boolean } = {},
): Promise<AuthenticationResultType> {
  const now = ctx.clock.nowMs();
  const grace = clientConfig(client).RefreshTokenRotation?.RetryGracePeriodSeconds ?? 0;
  await ctx.store.refreshTokens.retire(stored.tokenHash, now, Math.min(stored.expiresAt, now + grace * 1000));
  const { items: groups } = await ctx.store.groups.listForUser(user.id);
  const result = await ctx.services.tokens.issue({
    pool,
    client,
    user,
    groups,
    scope: stored.scopes,
    authTime: stored.authTime,
    refreshExpiresAt: stored.expiresAt,
    ...(opts.idToken === false ? { idToken: false } : {}),
  });
  const device = await ctx.store.devices.sessionDevice(stored.originJti);
  if (device) {
    const originJti = decodeJwt(result.AccessToken!).origin_jti as string;
    await ctx.store.devices.bindSession(originJti, device, user.id);
  }
  return result;
}

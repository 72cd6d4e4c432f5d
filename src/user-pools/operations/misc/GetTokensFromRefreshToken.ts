import type {
  GetTokensFromRefreshTokenRequest,
  GetTokensFromRefreshTokenResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { refreshTokenAuth } from "../../auth/flows/refresh-token.ts";
import { requireClient, requirePool } from "../../domain/pools.ts";
import { computeSecretHash } from "../../domain/secret-hash.ts";
import { defineOperation } from "../../operation.ts";
import { rotateRefreshToken, rotates } from "../../tokens/rotation.ts";
import { sha256 } from "../../tokens/tokens.ts";

/**
 * Token refresh as REFRESH_TOKEN_AUTH does it (the same checks, through that flow). With the
 * client's RefreshTokenRotation enabled it also issues a new refresh token and retires the one
 * presented (tokens/rotation.ts), which after its grace period answers RefreshTokenReuseException.
 */
export default defineOperation<GetTokensFromRefreshTokenRequest, GetTokensFromRefreshTokenResponse>(
  "GetTokensFromRefreshToken",
  {
    auth: "public",
    async handle(input, ctx) {
      const client = await requireClient(ctx, input.ClientId!);
      const pool = await requirePool(ctx, client.poolId);
      const now = ctx.clock.nowMs();
      const stored = await ctx.store.refreshTokens.getByHash(sha256(input.RefreshToken!));
      const ours = stored !== undefined && stored.clientId === client.clientId && stored.poolId === pool.id;
      if (ours && stored.rotatedAt != null && stored.revokedAt === null && stored.expiresAt <= now) {
        throw new ServiceError("RefreshTokenReuseException", "Refresh token has been reused.");
      }
      const user = ours ? await ctx.store.users.getById(pool.id, stored.userId) : undefined;
      // The flow checks SECRET_HASH; this API takes the secret itself, so the hash is made from it.
      const params: Record<string, string> = { REFRESH_TOKEN: input.RefreshToken! };
      if (input.DeviceKey) params.DEVICE_KEY = input.DeviceKey;
      if (input.ClientSecret && user) {
        params.SECRET_HASH = computeSecretHash(input.ClientSecret, user.username, client.clientId);
      }
      const outcome = await refreshTokenAuth.start({ ctx, pool, client, admin: false, params });
      if (outcome.kind !== "tokens") throw new Error("refresh ended in a challenge");
      if (!rotates(client) || !stored || !user) return { AuthenticationResult: outcome.result };
      const result = await rotateRefreshToken(ctx, pool, client, stored, user);
      return { AuthenticationResult: result };
    },
  },
);

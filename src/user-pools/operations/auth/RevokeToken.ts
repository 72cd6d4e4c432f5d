import type { RevokeTokenRequest, RevokeTokenResponse } from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { matchesClientSecret } from "../../domain/client-secrets.ts";
import { clientConfig, requireClient } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";
import { sha256 } from "../../tokens/tokens.ts";

/**
 * Revokes a refresh token and the access tokens issued from it (API reference, RevokeToken).
 * A token that is unknown, or belongs to another client, is ignored as RFC 7009 asks.
 */
export default defineOperation<RevokeTokenRequest, RevokeTokenResponse>("RevokeToken", {
  auth: "public",
  async handle(input, ctx) {
    const client = await requireClient(ctx, input.ClientId!);
    if (client.secret && !matchesClientSecret(client, input.ClientSecret ?? "")) {
      throw new ServiceError("UnauthorizedException", "Invalid client credentials.");
    }
    if (clientConfig(client).EnableTokenRevocation === false) {
      throw new ServiceError(
        "UnsupportedOperationException",
        "Token revocation is not enabled for this client.",
      );
    }
    if (input.Token!.split(".").length === 3) {
      throw new ServiceError("UnsupportedTokenTypeException", "Only refresh tokens can be revoked.");
    }
    const stored = await ctx.store.refreshTokens.getByHash(sha256(input.Token!));
    if (stored && stored.clientId === client.clientId)
      await ctx.store.refreshTokens.revoke(stored.originJti, ctx.clock.nowMs());
    return {};
  },
});

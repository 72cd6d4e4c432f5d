import type { GetOpenIdTokenInput, GetOpenIdTokenResponse } from "@aws-sdk/client-cognito-identity";
import { amrFor, authorizeIdentity, requireIdentity } from "../domain/identities.ts";
import { verifyLogins } from "../domain/logins.ts";
import { requireIdentityPool } from "../domain/pools.ts";
import { defineIdentityOperation } from "../operation.ts";
import { signOpenIdToken } from "../tokens.ts";

export default defineIdentityOperation<GetOpenIdTokenInput, GetOpenIdTokenResponse>("GetOpenIdToken", {
  auth: "public",
  async handle(input, ctx) {
    const identity = await requireIdentity(ctx, input.IdentityId!);
    const pool = await requireIdentityPool(ctx, identity.poolId);
    const logins = await verifyLogins(ctx, pool, input.Logins);
    // The identity id returned may differ from the one passed in when logins merge identities.
    const identityId = await authorizeIdentity(ctx, pool, identity, logins);
    // "The OpenID token is valid for 10 minutes." (GetOpenIdToken, API reference)
    const token = await signOpenIdToken(ctx, {
      identityId,
      poolId: pool.id,
      amr: amrFor(logins),
      lifetime: 600,
    });
    return { IdentityId: identityId, Token: token };
  },
});

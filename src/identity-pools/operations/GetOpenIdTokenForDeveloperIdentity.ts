import type {
  GetOpenIdTokenForDeveloperIdentityInput,
  GetOpenIdTokenForDeveloperIdentityResponse,
} from "@aws-sdk/client-cognito-identity";
import { ServiceError } from "../../protocol/aws-json/errors.ts";
import { amrFor, assertEnabled, linkLogins, requirePoolIdentity } from "../domain/identities.ts";
import { verifyLogins } from "../domain/logins.ts";
import { requireIdentityPool } from "../domain/pools.ts";
import { defineIdentityOperation } from "../operation.ts";
import { signOpenIdToken } from "../tokens.ts";

/** "If you don't provide an expiration time, the token is valid for 15 minutes." (API reference) */
const DEFAULT_TOKEN_DURATION = 900;

export default defineIdentityOperation<
  GetOpenIdTokenForDeveloperIdentityInput,
  GetOpenIdTokenForDeveloperIdentityResponse
>("GetOpenIdTokenForDeveloperIdentity", {
  auth: "iam",
  async handle(input, ctx) {
    const pool = await requireIdentityPool(ctx, input.IdentityPoolId!);
    const logins = await verifyLogins(ctx, pool, input.Logins, { developer: true });
    if (logins.length === 0)
      throw new ServiceError("InvalidParameterException", "Logins must name at least one login.");
    if (input.IdentityId) assertEnabled(await requirePoolIdentity(ctx, pool, input.IdentityId));
    const identityId = await linkLogins(ctx, pool, logins, {
      ...(input.IdentityId ? { identityId: input.IdentityId } : {}),
      developerConflict: true,
    });
    const token = await signOpenIdToken(ctx, {
      identityId,
      poolId: pool.id,
      amr: amrFor(logins),
      lifetime: input.TokenDuration ?? DEFAULT_TOKEN_DURATION,
      ...(input.PrincipalTags ? { principalTags: input.PrincipalTags } : {}),
    });
    return { IdentityId: identityId, Token: token };
  },
});

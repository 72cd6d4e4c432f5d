import type {
  Credentials,
  GetCredentialsForIdentityInput,
  GetCredentialsForIdentityResponse,
} from "@aws-sdk/client-cognito-identity";
import { errors as joseErrors } from "jose";
import { ServiceError } from "../../protocol/aws-json/errors.ts";
import { nowSeconds } from "../../runtime/clock.ts";
import type { IdentityPoolRecord, IdentityRecord } from "../../storage/repositories/identity-pools.ts";
import type { OperationContext } from "../../user-pools/operation.ts";
import { issueCredentials } from "../domain/credentials.ts";
import {
  amrFor,
  assertEnabled,
  assertGuestsAllowed,
  authorizeIdentity,
  loginsDontMatch,
  requireIdentity,
} from "../domain/identities.ts";
import { COGNITO_IDENTITY_PROVIDER, verifyLogins } from "../domain/logins.ts";
import { requireIdentityPool } from "../domain/pools.ts";
import { principalTagsFor } from "../domain/principal-tags.ts";
import { resolveRole } from "../domain/roles.ts";
import { defineIdentityOperation } from "../operation.ts";
import { expOf, identityIssuer, identityKey, signOpenIdToken } from "../tokens.ts";

export default defineIdentityOperation<GetCredentialsForIdentityInput, GetCredentialsForIdentityResponse>(
  "GetCredentialsForIdentity",
  {
    auth: "public",
    async handle(input, ctx) {
      const identity = await requireIdentity(ctx, input.IdentityId!);
      const pool = await requireIdentityPool(ctx, identity.poolId);
      const cognitoToken = input.Logins?.[COGNITO_IDENTITY_PROVIDER];
      if (cognitoToken !== undefined)
        return {
          IdentityId: identity.id,
          Credentials: await fromOpenIdToken(ctx, pool, identity, cognitoToken),
        };

      const logins = await verifyLogins(ctx, pool, input.Logins);
      const identityId = await authorizeIdentity(ctx, pool, identity, logins);
      const role = resolveRole(pool, logins.length ? logins : "unauthenticated", input.CustomRoleArn);
      const Credentials = await issueCredentials(ctx, role, () =>
        signOpenIdToken(ctx, {
          identityId,
          poolId: pool.id,
          amr: amrFor(logins),
          principalTags: principalTagsFor(pool, logins),
        }),
      );
      return { IdentityId: identityId, Credentials };
    },
  },
);

/**
 * The developer-authenticated enhanced flow: the app passes the token of
 * GetOpenIdTokenForDeveloperIdentity under `cognito-identity.amazonaws.com`, and "it will be
 * passed through to Security Token Service with the appropriate role for the token"
 * (GetCredentialsForIdentity, API reference).
 */
async function fromOpenIdToken(
  ctx: OperationContext,
  pool: IdentityPoolRecord,
  identity: IdentityRecord,
  token: string,
): Promise<Credentials> {
  assertEnabled(identity);
  let amr: unknown;
  try {
    const claims = await identityKey(ctx.services, ctx.store).verify(token, {
      issuer: identityIssuer(ctx.config, ctx.services),
      audience: pool.id,
      now: new Date(ctx.clock.nowMs()),
    });
    if (claims.sub !== identity.id) throw loginsDontMatch();
    amr = claims.amr;
  } catch (e) {
    if (e instanceof ServiceError) throw e;
    if (e instanceof joseErrors.JWTExpired)
      throw new ServiceError(
        "NotAuthorizedException",
        `Invalid login token. Token expired: ${nowSeconds(ctx.clock)} >= ${expOf(token)}`,
      );
    throw new ServiceError("NotAuthorizedException", "Invalid login token. Couldn't verify signed token.");
  }
  const authenticated = Array.isArray(amr) && amr.includes("authenticated");
  if (!authenticated) assertGuestsAllowed(pool);
  const role = resolveRole(pool, authenticated ? [] : "unauthenticated");
  return issueCredentials(ctx, role, async () => token);
}

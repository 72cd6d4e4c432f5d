import { ServiceError } from "../protocol/aws-json/errors.ts";
import type { Caller, OperationContext } from "./operation.ts";
import { ADMIN_SCOPE } from "./tokens/tokens.ts";

/**
 * The signed-in caller an access token names, with Cognito's errors: the dispatcher uses it for
 * `auth: "access-token"` operations, and operations that take an access token OR a session
 * (AssociateSoftwareToken, VerifySoftwareToken) call it themselves.
 *
 * @example
 * const { user, pool } = await authenticateAccessToken(input.AccessToken, ctx);
 */
export async function authenticateAccessToken(
  token: unknown,
  ctx: Pick<OperationContext, "services" | "store">,
): Promise<Extract<Caller, { kind: "access-token" }>> {
  const { poolId, claims, user } = await ctx.services.tokens.verifyAccessToken(token);
  const pool = user && (await ctx.store.pools.get(poolId));
  if (!pool || !user) throw new ServiceError("UserNotFoundException", "User does not exist.");
  if (!user.enabled) throw new ServiceError("NotAuthorizedException", "User is disabled.");
  if (!claims.scope.split(" ").includes(ADMIN_SCOPE)) {
    throw new ServiceError("NotAuthorizedException", "Access Token does not have required scopes");
  }
  return { kind: "access-token", pool, user, claims };
}

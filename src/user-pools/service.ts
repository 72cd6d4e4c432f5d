import type { JsonService } from "../protocol/aws-json/dispatch.ts";
import { ServiceError } from "../protocol/aws-json/errors.ts";
import { cognitoIdpModel } from "../protocol/aws-json/generated/cognito-idp.ts";
import { userPoolOperations } from "./operations/index.ts";
import { ADMIN_SCOPE } from "./tokens/tokens.ts";

/** Public operations counted against the per-IP rate limit (sign-in, sign-up, code sending). */
const rateLimited = new Set([
  "InitiateAuth",
  "RespondToAuthChallenge",
  "SignUp",
  "ConfirmSignUp",
  "ResendConfirmationCode",
  "ForgotPassword",
  "ConfirmForgotPassword",
  "GetUserAttributeVerificationCode",
  "VerifyUserAttribute",
]);

/** The User Pools API (`AWSCognitoIdentityProviderService.*`). */
export const userPoolsService: JsonService = {
  model: cognitoIdpModel,
  operations: userPoolOperations,
  rateLimited,
  async authenticateToken(input, ctx) {
    const { poolId, claims } = await ctx.services.tokens.verifyAccessToken(input.AccessToken);
    const pool = await ctx.store.pools.get(poolId);
    const user = pool && (await ctx.store.users.getById(poolId, claims.sub));
    if (!pool || !user) throw new ServiceError("UserNotFoundException", "User does not exist.");
    if (!user.enabled) throw new ServiceError("NotAuthorizedException", "User is disabled.");
    if (!claims.scope.split(" ").includes(ADMIN_SCOPE)) {
      throw new ServiceError("NotAuthorizedException", "Access Token does not have required scopes");
    }
    return { kind: "access-token", pool, user, claims };
  },
};

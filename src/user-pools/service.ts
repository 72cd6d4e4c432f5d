import type { JsonService } from "../protocol/aws-json/dispatch.ts";
import { cognitoIdpModel } from "../protocol/aws-json/generated/cognito-idp.ts";
import { authenticateAccessToken } from "./access-token.ts";
import { userPoolOperations } from "./operations/index.ts";

/** Public operations counted against the per-IP rate limit (sign-in, sign-up, code sending, TOTP setup). */
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
  "AssociateSoftwareToken",
  "VerifySoftwareToken",
]);

/** The User Pools API (`AWSCognitoIdentityProviderService.*`). */
export const userPoolsService: JsonService = {
  model: cognitoIdpModel,
  operations: userPoolOperations,
  rateLimited,
  authenticateToken: (input, ctx) => authenticateAccessToken(input.AccessToken, ctx),
};

import type { JsonService } from "../protocol/aws-json/dispatch.ts";
import { cognitoIdentityModel } from "../protocol/aws-json/generated/cognito-identity.ts";
import { identityPoolOperations } from "./operations/index.ts";

/** Public operations counted against the per-IP rate limit (each GetId without logins makes an identity). */
const rateLimited = new Set(["GetId", "GetOpenIdToken", "GetCredentialsForIdentity", "UnlinkIdentity"]);

/** The Identity Pools API (`AWSCognitoIdentityService.*`). */
export const identityPoolsService: JsonService = {
  model: cognitoIdentityModel,
  operations: identityPoolOperations,
  rateLimited,
};

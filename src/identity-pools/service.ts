import type { JsonService } from "../protocol/aws-json/dispatch.ts";
import { cognitoIdentityModel } from "../protocol/aws-json/generated/cognito-identity.ts";
import { identityPoolOperations } from "./operations/index.ts";

/** The Identity Pools API (`AWSCognitoIdentityService.*`). */
export const identityPoolsService: JsonService = {
  model: cognitoIdentityModel,
  operations: identityPoolOperations,
};

import type {
  AdminGetUserAuthFactorsRequest,
  AdminGetUserAuthFactorsResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { cognitoIdpModel } from "../../../protocol/aws-json/generated/cognito-idp.ts";
import { validateInput } from "../../../protocol/aws-json/validate.ts";
import { requirePool } from "../../domain/pools.ts";
import { requireUser } from "../../domain/users.ts";
import { defineOperation } from "../../operation.ts";
import { authFactors } from "./auth-factors.ts";

export default defineOperation<AdminGetUserAuthFactorsRequest, AdminGetUserAuthFactorsResponse>(
  "AdminGetUserAuthFactors",
  {
    auth: "iam",
    async handle(input, ctx) {
      // The generated model carries no input shape for this newer operation; its request
      // (UserPoolId, Username, both required) is AdminGetUser's, so that shape checks it.
      validateInput(cognitoIdpModel, "AdminGetUserRequest", input);
      const pool = await requirePool(ctx, input.UserPoolId!);
      return authFactors(ctx, pool, await requireUser(ctx, pool, input.Username!));
    },
  },
);

import type {
  AdminInitiateAuthRequest,
  AdminInitiateAuthResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { initiateAuth } from "../../auth/engine.ts";
import { defineOperation } from "../../operation.ts";

export default defineOperation<AdminInitiateAuthRequest, AdminInitiateAuthResponse>("AdminInitiateAuth", {
  auth: "iam",
  handle: (input, ctx) =>
    initiateAuth(
      ctx,
      {
        clientId: input.ClientId!,
        poolId: input.UserPoolId!,
        flow: input.AuthFlow!,
        params: input.AuthParameters,
      },
      true,
    ),
});

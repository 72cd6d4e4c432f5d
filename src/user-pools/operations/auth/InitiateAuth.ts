import type { InitiateAuthRequest, InitiateAuthResponse } from "@aws-sdk/client-cognito-identity-provider";
import { initiateAuth } from "../../auth/engine.ts";
import { defineOperation } from "../../operation.ts";

export default defineOperation<InitiateAuthRequest, InitiateAuthResponse>("InitiateAuth", {
  auth: "public",
  handle: (input, ctx) =>
    initiateAuth(
      ctx,
      { clientId: input.ClientId!, flow: input.AuthFlow!, params: input.AuthParameters },
      false,
    ),
});

import type {
  StartWebAuthnRegistrationRequest,
  StartWebAuthnRegistrationResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { startRegistration } from "../../auth/webauthn/registration.ts";
import { defineOperation } from "../../operation.ts";
import { signedIn } from "../signed-in/caller.ts";

/**
 * Credential creation options (PublicKeyCredentialCreationOptionsJSON) for the signed-in user to
 * hand to `navigator.credentials.create()`; the challenge is for CompleteWebAuthnRegistration
 * with a token of the same app client (API reference, StartWebAuthnRegistration).
 */
export default defineOperation<StartWebAuthnRegistrationRequest, StartWebAuthnRegistrationResponse>(
  "StartWebAuthnRegistration",
  {
    auth: "access-token",
    async handle(_input, ctx) {
      const { user, pool, claims } = signedIn(ctx);
      return { CredentialCreationOptions: await startRegistration(ctx, pool, user, claims.client_id) };
    },
  },
);

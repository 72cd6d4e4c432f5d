import type {
  CompleteWebAuthnRegistrationRequest,
  CompleteWebAuthnRegistrationResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { completeRegistration } from "../../auth/webauthn/registration.ts";
import { defineOperation } from "../../operation.ts";
import { signedIn } from "../signed-in/caller.ts";

/** Registers the passkey in Credential, a RegistrationResponseJSON (API reference, CompleteWebAuthnRegistration). */
export default defineOperation<CompleteWebAuthnRegistrationRequest, CompleteWebAuthnRegistrationResponse>(
  "CompleteWebAuthnRegistration",
  {
    auth: "access-token",
    async handle(input, ctx) {
      const { user, pool, claims } = signedIn(ctx);
      // The model makes Credential a JSON object; the dispatcher refuses anything else.
      const credential = input.Credential as Record<string, unknown>;
      await completeRegistration(ctx, pool, user, claims.client_id, credential);
      return {};
    },
  },
);

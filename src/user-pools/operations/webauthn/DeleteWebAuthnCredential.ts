import type {
  DeleteWebAuthnCredentialRequest,
  DeleteWebAuthnCredentialResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { defineOperation } from "../../operation.ts";
import { signedIn } from "../signed-in/caller.ts";

/**
 * Deletes one of the signed-in user's passkeys; another user's credential id is as unknown as a
 * made-up one (API reference, DeleteWebAuthnCredential: ResourceNotFoundException).
 */
export default defineOperation<DeleteWebAuthnCredentialRequest, DeleteWebAuthnCredentialResponse>(
  "DeleteWebAuthnCredential",
  {
    auth: "access-token",
    async handle(input, ctx) {
      const { user } = signedIn(ctx);
      if (!(await ctx.store.webauthn.delete(user.id, input.CredentialId!))) {
        throw new ServiceError("ResourceNotFoundException", "The passkey credential was not found.");
      }
      return {};
    },
  },
);

import type {
  ListWebAuthnCredentialsRequest,
  ListWebAuthnCredentialsResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { MAX_PASSKEYS } from "../../auth/webauthn/registration.ts";
import { defineOperation } from "../../operation.ts";
import { signedIn } from "../signed-in/caller.ts";

/** A page cursor from the repository (`<createdAt>.<credentialId>`), opaque on the wire. */
const CURSOR = /^\d+\.[A-Za-z0-9_-]+$/;

/**
 * The signed-in user's passkeys, oldest first. MaxResults is 0–20 (the model's range); 0 or none
 * returns them all, as a user has at most 20 (API reference, ListWebAuthnCredentials).
 */
export default defineOperation<ListWebAuthnCredentialsRequest, ListWebAuthnCredentialsResponse>(
  "ListWebAuthnCredentials",
  {
    auth: "access-token",
    async handle(input, ctx) {
      const { user } = signedIn(ctx);
      let after: string | undefined;
      if (input.NextToken !== undefined) {
        after = Buffer.from(input.NextToken, "base64url").toString("utf8");
        if (!CURSOR.test(after)) throw new ServiceError("InvalidParameterException", "Invalid NextToken.");
      }
      const limit = input.MaxResults || MAX_PASSKEYS;
      const page = await ctx.store.webauthn.listForUser(user.id, limit, after);
      return {
        Credentials: page.items.map((c) => ({
          CredentialId: c.credentialId,
          FriendlyCredentialName: c.friendlyName,
          RelyingPartyId: c.relyingPartyId,
          ...(c.attachment ? { AuthenticatorAttachment: c.attachment } : {}),
          AuthenticatorTransports: c.transports,
          CreatedAt: new Date(c.createdAt),
        })),
        ...(page.next ? { NextToken: Buffer.from(page.next, "utf8").toString("base64url") } : {}),
      };
    },
  },
);

import type {
  AssociateSoftwareTokenRequest,
  AssociateSoftwareTokenResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { mfaOf, saveMfa } from "../../auth/mfa/settings.ts";
import { assertPoolOffersTotp, nextSetupSession, tokenSubject } from "../../auth/mfa/software-token.ts";
import { newTotpSecret } from "../../domain/totp.ts";
import { defineOperation } from "../../operation.ts";

/**
 * A new TOTP secret for the signed-in user (AccessToken) or for a sign-in at MFA_SETUP (Session,
 * answered with the next Session). The current token keeps working until VerifySoftwareToken
 * accepts the new one (API reference, AssociateSoftwareToken).
 */
export default defineOperation<AssociateSoftwareTokenRequest, AssociateSoftwareTokenResponse>(
  "AssociateSoftwareToken",
  {
    // An access token or a session: the handler checks whichever is given.
    auth: "public",
    async handle(input, ctx) {
      const subject = await tokenSubject(ctx, input.AccessToken, input.Session);
      assertPoolOffersTotp(subject.pool);
      const secret = newTotpSecret(ctx.random);
      await saveMfa(ctx, subject.user, { ...mfaOf(subject.user), totpPendingSecret: secret });
      if (subject.kind === "signed-in") return { SecretCode: secret };
      return { SecretCode: secret, Session: await nextSetupSession(ctx, subject, { associated: true }) };
    },
  },
);

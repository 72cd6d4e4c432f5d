import type {
  VerifySoftwareTokenRequest,
  VerifySoftwareTokenResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { type MfaState, mfaOf, saveMfa } from "../../auth/mfa/settings.ts";
import { assertPoolOffersTotp, nextSetupSession, tokenSubject } from "../../auth/mfa/software-token.ts";
import { verifyTotp } from "../../domain/totp.ts";
import { defineOperation } from "../../operation.ts";

/**
 * Verifies the secret from AssociateSoftwareToken with a code from the user's app; the new token
 * replaces any earlier one. With a Session the answer carries the Session that completes
 * MFA_SETUP in RespondToAuthChallenge (API reference, VerifySoftwareToken).
 */
export default defineOperation<VerifySoftwareTokenRequest, VerifySoftwareTokenResponse>(
  "VerifySoftwareToken",
  {
    // An access token or a session: the handler checks whichever is given.
    auth: "public",
    async handle(input, ctx) {
      const subject = await tokenSubject(ctx, input.AccessToken, input.Session);
      assertPoolOffersTotp(subject.pool);
      const mfa = mfaOf(subject.user);
      const secret = mfa.totpPendingSecret;
      const step = secret ? verifyTotp(secret, input.UserCode!, ctx.clock.nowMs()) : undefined;
      if (step === undefined) {
        // Cognito's answer to a wrong code (aws-samples/aws-amplify-auth-starters#15).
        throw new ServiceError(
          "EnableSoftwareTokenMFAException",
          "Code mismatch and fail enable Software Token MFA",
        );
      }
      const { totpPendingSecret: _pending, totpFriendlyName: _name, ...kept } = mfa;
      const next: MfaState = { ...kept, totpSecret: secret, totpLastStep: step };
      if (input.FriendlyDeviceName) next.totpFriendlyName = input.FriendlyDeviceName;
      await saveMfa(ctx, subject.user, next);
      if (subject.kind === "signed-in") return { Status: "SUCCESS" };
      return { Status: "SUCCESS", Session: await nextSetupSession(ctx, subject, { verified: true }) };
    },
  },
);

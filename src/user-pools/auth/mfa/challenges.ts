import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import type { UserRecord } from "../../../storage/records.ts";
import { redeemCode } from "../../domain/codes.ts";
import type { SessionState } from "../challenge-session.ts";
import { emailOtp } from "../challenges/first-factor.ts";
import type { Challenge } from "../challenges/types.ts";
import { issueTokens } from "../complete.ts";
import { requireParam } from "../flows/types.ts";
import type { AuthRequest } from "../outcome.ts";
import { type MfaFactor, mfaOf } from "./settings.ts";
import { acceptTotp } from "./software-token.ts";
import { MFA_MAX_ATTEMPTS, startFactor } from "./start.ts";

/** Cognito's answer to a wrong MFA code (aws-amplify/amplify-js#3066, #11069). */
const MISMATCH = "Invalid code or auth state for the user.";
const mismatch = () => new ServiceError("CodeMismatchException", MISMATCH);
const invalidSession = () => new ServiceError("NotAuthorizedException", "Invalid session for the user.");

/**
 * The code row of this challenge must be the one its session opened (a later sign-in replaces
 * it) and must have wrong answers left; after MFA_MAX_ATTEMPTS the session is dead.
 */
async function assertAttemptsLeft(
  req: AuthRequest,
  state: SessionState,
  user: UserRecord,
  spend: boolean,
): Promise<void> {
  const stored = await req.ctx.store.codes.get(user.id, "mfa");
  if (!stored || stored.data !== state.id) throw invalidSession();
  // Spent atomically before the code is compared (TOTP here; redeemCode spends for sent codes),
  // so parallel answers cannot outrun the limit.
  const left = spend
    ? await req.ctx.store.codes.spendAttempt(user.id, "mfa", MFA_MAX_ATTEMPTS)
    : stored.attempts < MFA_MAX_ATTEMPTS;
  if (!left) {
    await req.ctx.store.codes.delete(user.id, "mfa");
    throw invalidSession();
  }
}

async function signedIn(req: AuthRequest, state: SessionState, user: UserRecord) {
  await req.ctx.services.sessions.consume(state);
  if (!user.enabled) throw new ServiceError("NotAuthorizedException", "User is disabled.");
  return issueTokens(req, user);
}

/** SMS_MFA (SMS_MFA_CODE) and EMAIL_OTP as a second factor (EMAIL_OTP_CODE). */
function codeChallenge(factor: MfaFactor, param: string): Challenge {
  return {
    challenge: factor,
    async respond(req, state, user) {
      const code = requireParam(req.params, param);
      if (!user) throw mismatch();
      await assertAttemptsLeft(req, state, user, false);
      await redeemCode(req.ctx, user, "mfa", code, MISMATCH, MFA_MAX_ATTEMPTS).catch((e: Error) => {
        throw e.name === "LimitExceededException" ? invalidSession() : e;
      });
      // A phone number that received the MFA code is verified (AWS re:Post, "cognito-mfa-errors").
      if (factor === "SMS_MFA" && user.attributes.phone_number_verified !== "true") {
        await req.ctx.store.users.setAttributes(
          user,
          { phone_number_verified: "true" },
          req.ctx.clock.nowMs(),
        );
      }
      return signedIn(req, state, user);
    },
  };
}

const smsMfa = codeChallenge("SMS_MFA", "SMS_MFA_CODE");
const emailMfa = codeChallenge("EMAIL_OTP", "EMAIL_OTP_CODE");

/** EMAIL_OTP names both passwordless sign-in and email MFA; the session says which this is. */
const emailOtpOrMfa: Challenge = {
  challenge: "EMAIL_OTP",
  respond: (req, state, user) => (state.data?.mfa ? emailMfa : emailOtp).respond(req, state, user),
};

/** SOFTWARE_TOKEN_MFA answered with SOFTWARE_TOKEN_MFA_CODE; a code works once. */
const softwareTokenMfa: Challenge = {
  challenge: "SOFTWARE_TOKEN_MFA",
  async respond(req, state, user) {
    const code = requireParam(req.params, "SOFTWARE_TOKEN_MFA_CODE");
    if (!user) throw mismatch();
    await assertAttemptsLeft(req, state, user, true);
    if (!mfaOf(user).totpSecret) {
      throw new ServiceError(
        "SoftwareTokenMFANotFoundException",
        "Software Token MFA does not exist for the user.",
      );
    }
    if (!(await acceptTotp(req.ctx, user, code))) throw mismatch();
    await req.ctx.store.codes.delete(user.id, "mfa");
    return signedIn(req, state, user);
  },
};

/** SELECT_MFA_TYPE answered with ANSWER, one of MFAS_CAN_CHOOSE; the chosen challenge follows. */
const selectMfaType: Challenge = {
  challenge: "SELECT_MFA_TYPE",
  async respond(req, state, user) {
    const answer = requireParam(req.params, "ANSWER");
    if (!user) throw invalidSession();
    const choices = (state.data?.choices ?? []) as MfaFactor[];
    if (!choices.includes(answer as MfaFactor)) {
      throw new ServiceError(
        "InvalidParameterException",
        `The MFA type ${answer} is not available for this user.`,
      );
    }
    await req.ctx.services.sessions.consume(state);
    return startFactor(req, user, state.flow, answer as MfaFactor);
  },
};

/**
 * MFA_SETUP, answered with the session VerifySoftwareToken returned (API reference,
 * RespondToAuthChallenge): the new token is verified, so sign-in completes.
 */
const mfaSetup: Challenge = {
  challenge: "MFA_SETUP",
  async respond(req, state, user) {
    if (!user || state.data?.verified !== true || !mfaOf(user).totpSecret) throw invalidSession();
    return signedIn(req, state, user);
  },
};

/** The MFA challenges, for the registry in challenges/index.ts (EMAIL_OTP replaces the first-factor entry). */
export const mfaChallenges: Challenge[] = [smsMfa, emailOtpOrMfa, softwareTokenMfa, selectMfaType, mfaSetup];

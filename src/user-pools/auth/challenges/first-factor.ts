import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { redeemCode } from "../../domain/codes.ts";
import { afterFirstFactor, issueTokens } from "../complete.ts";
import { availableFirstFactors, OTP_FACTORS, type OtpFactor, startOtp } from "../first-factors.ts";
import { requireParam } from "../flows/types.ts";
import { parseSrpA, startPasswordVerifier } from "../flows/user-srp.ts";
import { checkPassword } from "../password-check.ts";
import { startWebAuthn } from "../webauthn/sign-in.ts";
import type { Challenge } from "./types.ts";

const OTP_MISMATCH = "Invalid code or auth state for the user.";

/**
 * EMAIL_OTP answered with EMAIL_OTP_CODE, SMS_OTP with SMS_OTP_CODE. A wrong code counts; the
 * session stays usable until the code is burnt.
 */
function otpChallenge(factor: OtpFactor): Challenge {
  return {
    challenge: factor,
    async respond(req, state, user) {
      const code = requireParam(req.params, OTP_FACTORS[factor].answer);
      if (!user) throw new ServiceError("CodeMismatchException", OTP_MISMATCH);
      const stored = await req.ctx.store.codes.get(user.id, "sign-in-otp");
      if (!stored || stored.data !== state.id)
        throw new ServiceError("NotAuthorizedException", "Invalid session for the user.");
      await redeemCode(req.ctx, user, "sign-in-otp", code, OTP_MISMATCH);
      await req.ctx.services.sessions.consume(state);
      if (!user.enabled) throw new ServiceError("NotAuthorizedException", "User is disabled.");
      if (user.status === "UNCONFIRMED")
        throw new ServiceError("UserNotConfirmedException", "User is not confirmed.");
      return issueTokens(req, user);
    },
  };
}

export const emailOtp = otpChallenge("EMAIL_OTP");
export const smsOtp = otpChallenge("SMS_OTP");

/** PASSWORD (USER_AUTH with PREFERRED_CHALLENGE=PASSWORD and no PASSWORD parameter). */
export const passwordChallenge: Challenge = {
  challenge: "PASSWORD",
  async respond(req, state, user) {
    const password = requireParam(req.params, "PASSWORD");
    if (!user) throw new ServiceError("NotAuthorizedException", "Incorrect username or password.");
    await req.ctx.services.sessions.consume(state);
    const checked = await checkPassword(req.ctx, req.pool, req.client, user.username, password);
    return afterFirstFactor(req, checked, state.flow);
  },
};

/** SELECT_CHALLENGE answered with ANSWER (and PASSWORD when the answer is PASSWORD, SRP_A for PASSWORD_SRP). */
export const selectChallenge: Challenge = {
  challenge: "SELECT_CHALLENGE",
  async respond(req, state, user) {
    const answer = requireParam(req.params, "ANSWER");
    if (!user) throw new ServiceError("NotAuthorizedException", "Invalid session for the user.");
    if (!(await availableFirstFactors(req, user)).includes(answer)) {
      throw new ServiceError(
        "InvalidParameterException",
        `The challenge ${answer} is not available for this user.`,
      );
    }
    const password = answer === "PASSWORD" ? requireParam(req.params, "PASSWORD") : "";
    if (answer === "PASSWORD_SRP") parseSrpA(req.params);
    await req.ctx.services.sessions.consume(state);
    if (answer === "EMAIL_OTP" || answer === "SMS_OTP") return startOtp(req, user, user.username, answer);
    if (answer === "WEB_AUTHN") return startWebAuthn(req, user, user.username);
    if (answer === "PASSWORD_SRP") return startPasswordVerifier(req, user, user.username, state.flow);
    const checked = await checkPassword(req.ctx, req.pool, req.client, user.username, password);
    return afterFirstFactor(req, checked, state.flow);
  },
};

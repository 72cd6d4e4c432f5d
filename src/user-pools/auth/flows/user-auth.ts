import { checkSecretHash } from "../../domain/secret-hash.ts";
import { findUser } from "../../domain/users.ts";
import { afterFirstFactor, sealSession } from "../complete.ts";
import { availableFirstFactors, startOtp } from "../first-factors.ts";
import type { AuthOutcome, AuthRequest } from "../outcome.ts";
import { checkPassword, unknownUser } from "../password-check.ts";
import { startWebAuthn } from "../webauthn/sign-in.ts";
import { type AuthFlow, requireParam } from "./types.ts";
import { startPasswordVerifier } from "./user-srp.ts";

/**
 * USER_AUTH, choice-based sign-in (developer guide, "Choice-based authentication"): with a
 * PREFERRED_CHALLENGE the user may use, start it; otherwise SELECT_CHALLENGE with AvailableChallenges.
 */
async function start(req: AuthRequest): Promise<AuthOutcome> {
  const username = requireParam(req.params, "USERNAME");
  checkSecretHash(req.client, username, req.params.SECRET_HASH);
  const preferred = req.params.PREFERRED_CHALLENGE;
  const user = await findUser(req.ctx, req.pool, username);
  const available = await availableFirstFactors(req, user);

  if (preferred && available.includes(preferred)) {
    if (preferred === "EMAIL_OTP" || preferred === "SMS_OTP") return startOtp(req, user, username, preferred);
    if (preferred === "WEB_AUTHN") return startWebAuthn(req, user, username);
    if (preferred === "PASSWORD") {
      if (req.params.PASSWORD !== undefined) {
        const checked = await checkPassword(req.ctx, req.pool, req.client, username, req.params.PASSWORD);
        return afterFirstFactor(req, checked, "USER_AUTH");
      }
      if (!user) throw unknownUser(req.client);
      return {
        kind: "challenge",
        name: "PASSWORD",
        parameters: {},
        session: sealSession(req, user, "PASSWORD", "USER_AUTH"),
      };
    }
    if (preferred === "PASSWORD_SRP") return startPasswordVerifier(req, user, username, "USER_AUTH");
  }
  if (!user) throw unknownUser(req.client);
  return {
    kind: "challenge",
    name: "SELECT_CHALLENGE",
    parameters: {},
    session: sealSession(req, user, "SELECT_CHALLENGE", "USER_AUTH"),
    availableChallenges: available,
  };
}

export const userAuth: AuthFlow = { flow: "USER_AUTH", allowedBy: ["ALLOW_USER_AUTH"], via: "both", start };

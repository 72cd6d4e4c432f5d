import { devicePasswordVerifier, deviceSrpAuth } from "../devices/challenges.ts";
import { mfaChallenges } from "../mfa/challenges.ts";
import { webAuthnChallenge } from "../webauthn/sign-in.ts";
import { emailOtp, passwordChallenge, selectChallenge, smsOtp } from "./first-factor.ts";
import { newPasswordRequired } from "./new-password-required.ts";
import { passwordVerifier } from "./password-verifier.ts";
import type { Challenge } from "./types.ts";

/** Challenge answers by ChallengeName. Modeled ones missing here answer NotImplementedException until #3. */
export const challenges: Readonly<Record<string, Challenge>> = Object.fromEntries(
  [
    newPasswordRequired,
    emailOtp,
    smsOtp,
    webAuthnChallenge,
    passwordChallenge,
    selectChallenge,
    passwordVerifier,
    ...mfaChallenges,
    deviceSrpAuth,
    devicePasswordVerifier,
  ].map((c) => [c.challenge, c]),
);

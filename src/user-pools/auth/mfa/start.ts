import type { UserRecord } from "../../../storage/records.ts";
import { CODE_TTL_MS, type Destination, issueCode, sendCode } from "../../domain/codes.ts";
import { otpMessage } from "../../domain/messages.ts";
import type { OperationContext } from "../../operation.ts";
import { sealSession } from "../complete.ts";
import type { AuthOutcome, AuthRequest } from "../outcome.ts";
import {
  canUse,
  enabledFactors,
  MFA_FACTORS,
  type MfaFactor,
  mfaOf,
  type PoolMfa,
  poolMfa,
} from "./settings.ts";

/** SMS and email MFA codes have 6 digits (passwordless sign-in codes have 8). */
export const MFA_CODE_DIGITS = 6;
/**
 * Wrong codes one MFA challenge takes before its session is dead. Cognito publishes no figure;
 * three is what its custom-challenge examples allow.
 */
export const MFA_MAX_ATTEMPTS = 3;

/**
 * The MFA step after a correct first factor (developer guide, "Adding MFA to a user pool"):
 * nothing when the pool's MFA is OFF, or OPTIONAL and the user turned no factor on; otherwise the
 * preferred factor, the only one, a choice (SELECT_MFA_TYPE), or MFA_SETUP when MFA is required
 * and the user has no factor yet. Returns undefined when tokens follow directly.
 */
export async function mfaChallenge(
  req: AuthRequest,
  user: UserRecord,
  flow: string,
): Promise<AuthOutcome | undefined> {
  const pool = poolMfa(req.pool);
  if (pool.mode === "OFF") return undefined;
  const chosen = enabledFactors(mfaOf(user)).filter((f) => canUse(pool, user, f));
  if (chosen.length === 0 && pool.mode === "OPTIONAL") return undefined;
  // With MFA required, a user who chose nothing gets what they can receive: a phone_number
  // means SMS_MFA, an email EMAIL_OTP, a verified token SOFTWARE_TOKEN_MFA (API reference,
  // RespondToAuthChallenge, MFA_SETUP: "collect a phone_number or email attribute ... then
  // restart the authentication flow").
  const usable = chosen.length > 0 ? chosen : MFA_FACTORS.filter((f) => canUse(pool, user, f));
  if (usable.length === 0) return mfaSetupChallenge(req, user, flow, pool);
  const preferred = mfaOf(user).preferred;
  if (preferred && usable.includes(preferred)) return startFactor(req, user, flow, preferred);
  if (usable.length === 1) return startFactor(req, user, flow, usable[0]!);
  return {
    kind: "challenge",
    name: "SELECT_MFA_TYPE",
    parameters: { MFAS_CAN_CHOOSE: JSON.stringify(usable) },
    session: sealSession(req, user, "SELECT_MFA_TYPE", flow, { choices: usable }),
  };
}

/** MFA_SETUP lists the factors the pool offers (MFAS_CAN_SETUP); TOTP is set up with the session. */
function mfaSetupChallenge(req: AuthRequest, user: UserRecord, flow: string, pool: PoolMfa): AuthOutcome {
  const offered = MFA_FACTORS.filter((f) =>
    f === "SMS_MFA" ? pool.sms : f === "EMAIL_OTP" ? pool.email : pool.totp,
  );
  return {
    kind: "challenge",
    name: "MFA_SETUP",
    parameters: { MFAS_CAN_SETUP: JSON.stringify(offered) },
    session: sealSession(req, user, "MFA_SETUP", flow),
  };
}

/** Starts the challenge for one factor: a code by SMS or email, or a prompt for the TOTP. */
export async function startFactor(
  req: AuthRequest,
  user: UserRecord,
  flow: string,
  factor: MfaFactor,
): Promise<AuthOutcome> {
  const session = sealSession(req, user, factor, flow, { mfa: true });
  const sessionId = req.ctx.services.sessions.open(session).id;
  if (factor === "SOFTWARE_TOKEN_MFA") {
    await openAttempts(req.ctx, user, sessionId);
    const name = mfaOf(user).totpFriendlyName;
    // The device name given to VerifySoftwareToken (AWS CLI reference, respond-to-auth-challenge example 2).
    return {
      kind: "challenge",
      name: factor,
      parameters: name ? { FRIENDLY_DEVICE_NAME: name } : {},
      session,
    };
  }
  const dest: Destination =
    factor === "SMS_MFA"
      ? { medium: "SMS", attribute: "phone_number", address: user.attributes.phone_number! }
      : { medium: "EMAIL", attribute: "email", address: user.attributes.email! };
  // The code row is tied to this session and counts wrong answers.
  const code = await issueCode(req.ctx, user, "mfa", sessionId, MFA_CODE_DIGITS);
  const details = await sendCode(req.ctx, req.pool, user, dest, otpMessage(req.pool, code));
  return {
    kind: "challenge",
    name: factor,
    parameters: {
      CODE_DELIVERY_DELIVERY_MEDIUM: details.DeliveryMedium!,
      CODE_DELIVERY_DESTINATION: details.Destination!,
    },
    session,
  };
}

/** A TOTP challenge sends no code, but its wrong answers are counted on a code row all the same. */
async function openAttempts(ctx: OperationContext, user: UserRecord, sessionId: string): Promise<void> {
  const now = ctx.clock.nowMs();
  await ctx.store.codes.put({
    userId: user.id,
    purpose: "mfa",
    codeHash: "",
    data: sessionId,
    attempts: 0,
    expiresAt: now + CODE_TTL_MS.mfa!,
    createdAt: now,
  });
}

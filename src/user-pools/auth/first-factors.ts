import { ServiceError } from "../../protocol/aws-json/errors.ts";
import type { UserRecord } from "../../storage/records.ts";
import { issueCode, pickDestination, sendCode } from "../domain/codes.ts";
import { otpMessage } from "../domain/messages.ts";
import { poolConfig } from "../domain/pools.ts";
import { maskDestination } from "../domain/users.ts";
import { sealSession } from "./complete.ts";
import type { AuthOutcome, AuthRequest } from "./outcome.ts";

/** First factors cognate can run now; the others answer NotImplementedException until #3 lands. */
const IMPLEMENTED = new Set(["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"]);

/** Passwordless sign-in codes are 8 digits (developer guide, "Passwordless sign-in with email OTP"). */
export const OTP_DIGITS = 8;

/**
 * The choice-based first factors this user can use: the pool's AllowedFirstAuthFactors
 * (PASSWORD always) narrowed to what the user has (a password, an email address).
 */
export function availableFirstFactors(req: AuthRequest, user: UserRecord | undefined): string[] {
  const allowed = poolConfig(req.pool).Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? ["PASSWORD"];
  const out: string[] = [];
  for (const f of allowed) {
    if (f === "PASSWORD" && user && !user.passwordHash) continue;
    if (f === "EMAIL_OTP" && user && !user.attributes.email) continue;
    if (f === "SMS_OTP" && user && !user.attributes.phone_number) continue;
    if (f === "WEB_AUTHN") continue;
    out.push(f);
  }
  if (!out.includes("PASSWORD") && (!user || user.passwordHash)) out.unshift("PASSWORD");
  // The PASSWORD factor offers the password both in plain text and through SRP (API reference, ChallengeResponseType).
  if (out.includes("PASSWORD")) out.splice(out.indexOf("PASSWORD") + 1, 0, "PASSWORD_SRP");
  return out;
}

export function assertImplemented(factor: string): void {
  if (!IMPLEMENTED.has(factor)) {
    throw new ServiceError("NotImplementedException", `cognate does not implement the ${factor} challenge yet.`);
  }
}

/** Sends an 8-digit sign-in code by email and returns the EMAIL_OTP challenge. */
export async function startEmailOtp(req: AuthRequest, user: UserRecord | undefined, typedName: string): Promise<AuthOutcome> {
  if (!user) {
    // PreventUserExistenceErrors ENABLED: answer as if a code was sent; the session leads nowhere.
    const fakeDestination = typedName.includes("@") ? maskDestination("EMAIL", typedName) : "u***@e***";
    const session = req.ctx.services.sessions.seal({
      poolId: req.pool.id,
      clientId: req.client.clientId,
      userId: "",
      username: typedName,
      challenge: "EMAIL_OTP",
      flow: "USER_AUTH",
    });
    return {
      kind: "challenge",
      name: "EMAIL_OTP",
      parameters: { CODE_DELIVERY_DELIVERY_MEDIUM: "EMAIL", CODE_DELIVERY_DESTINATION: fakeDestination },
      session,
    };
  }
  const dest = pickDestination(user, ["email"]);
  if (!dest) throw new ServiceError("InvalidParameterException", "The user does not have an email address for EMAIL_OTP.");
  const session = sealSession(req, user, "EMAIL_OTP", "USER_AUTH");
  const state = req.ctx.services.sessions.open(session);
  const code = await issueCode(req.ctx, user, "sign-in-otp", state.id, OTP_DIGITS);
  const details = await sendCode(req.ctx, req.pool, user, dest, otpMessage(req.pool, code));
  return {
    kind: "challenge",
    name: "EMAIL_OTP",
    parameters: {
      CODE_DELIVERY_DELIVERY_MEDIUM: details.DeliveryMedium!,
      CODE_DELIVERY_DESTINATION: details.Destination!,
    },
    session,
  };
}

import { ServiceError } from "../../protocol/aws-json/errors.ts";
import type { PoolRecord, UserRecord } from "../../storage/records.ts";
import { issueCode, pickDestination, sendCode } from "../domain/codes.ts";
import { otpMessage } from "../domain/messages.ts";
import { clientConfig, poolConfig } from "../domain/pools.ts";
import { maskDestination } from "../domain/users.ts";
import type { OperationContext } from "../operation.ts";
import { sealSession } from "./complete.ts";
import type { AuthOutcome, AuthRequest } from "./outcome.ts";
import { unknownUser } from "./password-check.ts";

/** Passwordless sign-in codes are 8 digits (developer guide, "Passwordless sign-in with email OTP"). */
export const OTP_DIGITS = 8;

/**
 * The choice-based first factors this user can use: the pool's AllowedFirstAuthFactors
 * (PASSWORD always) narrowed to what the user has, with PASSWORD_SRP beside PASSWORD. An
 * unknown user is offered every allowed factor, as a known one might be.
 */
export async function availableFirstFactors(
  req: AuthRequest,
  user: UserRecord | undefined,
): Promise<string[]> {
  const out = user ? await configuredFirstFactors(req.ctx, req.pool, user) : allowedFirstFactors(req.pool);
  // The PASSWORD factor offers the password in plain text and through SRP (API reference, ChallengeResponseType).
  if (out.includes("PASSWORD")) out.splice(out.indexOf("PASSWORD") + 1, 0, "PASSWORD_SRP");
  return out;
}

/**
 * The pool's first factors this user has what it takes for: a password, an email address, a phone
 * number, a passkey (GetUserAuthFactors' ConfiguredUserAuthFactors).
 */
export async function configuredFirstFactors(
  ctx: Pick<OperationContext, "store">,
  pool: PoolRecord,
  user: UserRecord,
): Promise<string[]> {
  const out: string[] = [];
  for (const f of allowedFirstFactors(pool)) {
    if (f === "PASSWORD" && !user.passwordHash) continue;
    if (f === "EMAIL_OTP" && !user.attributes.email) continue;
    if (f === "SMS_OTP" && !user.attributes.phone_number) continue;
    if (f === "WEB_AUTHN" && (await ctx.store.webauthn.countForUser(user.id)) === 0) continue;
    out.push(f);
  }
  return out;
}

/** AllowedFirstAuthFactors, with PASSWORD first when the pool leaves it out: it is always allowed. */
function allowedFirstFactors(pool: PoolRecord): string[] {
  const allowed = poolConfig(pool).Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? ["PASSWORD"];
  return allowed.includes("PASSWORD") ? [...allowed] : ["PASSWORD", ...allowed];
}

/** The one-time-code first factors: the channel the code goes by and the answer that carries it back. */
export const OTP_FACTORS = {
  EMAIL_OTP: {
    medium: "EMAIL",
    attribute: "email",
    answer: "EMAIL_OTP_CODE",
    decoy: "u***@e***",
    noun: "an email address",
  },
  SMS_OTP: {
    medium: "SMS",
    attribute: "phone_number",
    answer: "SMS_OTP_CODE",
    decoy: "+*******0000",
    noun: "a phone number",
  },
} as const;
export type OtpFactor = keyof typeof OTP_FACTORS;

/**
 * Sends an 8-digit sign-in code by email (EMAIL_OTP) or SMS to phone_number (SMS_OTP) and
 * returns that challenge (developer guide, "Passwordless sign-in").
 */
export async function startOtp(
  req: AuthRequest,
  user: UserRecord | undefined,
  typedName: string,
  factor: OtpFactor,
): Promise<AuthOutcome> {
  if (!user) return decoyOtp(req, typedName, factor);
  const via = OTP_FACTORS[factor];
  const dest = pickDestination(user, [via.attribute]);
  if (!dest) {
    throw new ServiceError("InvalidParameterException", `The user does not have ${via.noun} for ${factor}.`);
  }
  const session = sealSession(req, user, factor, "USER_AUTH");
  const state = req.ctx.services.sessions.open(session);
  const code = await issueCode(req.ctx, user, "sign-in-otp", state.id, OTP_DIGITS);
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

/**
 * An unknown user: UserNotFoundException, or with PreventUserExistenceErrors ENABLED the same
 * answer as if a code was sent; the session leads nowhere.
 */
function decoyOtp(req: AuthRequest, typedName: string, factor: OtpFactor): AuthOutcome {
  if (clientConfig(req.client).PreventUserExistenceErrors !== "ENABLED") throw unknownUser(req.client);
  const via = OTP_FACTORS[factor];
  const looksLike = via.medium === "EMAIL" ? typedName.includes("@") : typedName.startsWith("+");
  const session = req.ctx.services.sessions.seal({
    poolId: req.pool.id,
    clientId: req.client.clientId,
    userId: "",
    username: typedName,
    challenge: factor,
    flow: "USER_AUTH",
  });
  return {
    kind: "challenge",
    name: factor,
    parameters: {
      CODE_DELIVERY_DELIVERY_MEDIUM: via.medium,
      CODE_DELIVERY_DESTINATION: looksLike ? maskDestination(via.medium, typedName) : via.decoy,
    },
    session,
  };
}

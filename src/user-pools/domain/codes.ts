import { timingSafeEqual } from "node:crypto";
import type { CodeDeliveryDetailsType } from "@aws-sdk/client-cognito-identity-provider";
import { DeliveryError, type OutgoingMessage } from "../../delivery/message.ts";
import { ServiceError } from "../../protocol/aws-json/errors.ts";
import type { PoolRecord, UserRecord } from "../../storage/records.ts";
import type { OperationContext } from "../operation.ts";
import { sha256 } from "../tokens/tokens.ts";
import { maskDestination } from "./users.ts";

export type CodePurpose = "signup" | "forgot-password" | "sign-in-otp" | "mfa" | `verify:${string}`;

/** Codes are valid for 24 hours (sign-up and attribute verification) or 1 hour (forgot password), as in Cognito. */
export const CODE_TTL_MS: Record<string, number> = {
  signup: 24 * 3600_000,
  "forgot-password": 3600_000,
  verify: 24 * 3600_000,
  // Sign-in OTP codes live as long as the challenge session (3 minutes by default).
  "sign-in-otp": 3 * 60_000,
  // MFA codes (SMS_MFA, EMAIL_OTP as a second factor) likewise.
  mfa: 3 * 60_000,
};
/** Wrong guesses allowed for one code before it is burnt (Cognito answers LimitExceededException). */
export const MAX_CODE_ATTEMPTS = 5;

/** Creates and stores (hashed) a fresh 6-digit code, replacing any earlier one for the same purpose. */
export async function issueCode(
  ctx: OperationContext,
  user: UserRecord,
  purpose: CodePurpose,
  data?: string,
  digits = 6,
): Promise<string> {
  const code = ctx.random.digits(digits);
  const ttl = CODE_TTL_MS[purpose.startsWith("verify:") ? "verify" : purpose] ?? 3600_000;
  await ctx.store.codes.put({
    userId: user.id,
    purpose,
    codeHash: sha256(`${user.id}:${purpose}:${code}`),
    data: data ?? null,
    attempts: 0,
    expiresAt: ctx.clock.nowMs() + ttl,
    createdAt: ctx.clock.nowMs(),
  });
  return code;
}

/** Checks and consumes a code. Throws CodeMismatchException, ExpiredCodeException or LimitExceededException. */
export async function redeemCode(
  ctx: OperationContext,
  user: UserRecord,
  purpose: CodePurpose,
  code: string,
  mismatchMessage = "Invalid verification code provided, please try again.",
  maxAttempts = MAX_CODE_ATTEMPTS,
): Promise<{ data: string | null }> {
  const stored = await ctx.store.codes.get(user.id, purpose);
  if (!stored)
    throw new ServiceError("ExpiredCodeException", "Invalid code provided, please request a code again.");
  if (stored.expiresAt <= ctx.clock.nowMs())
    throw new ServiceError("ExpiredCodeException", "Invalid code provided, please request a code again.");
  // The attempt is spent before the comparison, atomically, so parallel guesses cannot outrun the limit.
  if (!(await ctx.store.codes.spendAttempt(user.id, purpose, maxAttempts))) {
    throw new ServiceError("LimitExceededException", "Attempt limit exceeded, please try after some time.");
  }
  const given = Buffer.from(sha256(`${user.id}:${purpose}:${code}`));
  const want = Buffer.from(stored.codeHash);
  if (given.length !== want.length || !timingSafeEqual(given, want)) {
    throw new ServiceError("CodeMismatchException", mismatchMessage);
  }
  if (!(await ctx.store.codes.consume(user.id, purpose))) {
    throw new ServiceError("ExpiredCodeException", "Invalid code provided, please request a code again.");
  }
  return { data: stored.data };
}

export interface Destination {
  medium: "EMAIL" | "SMS";
  attribute: "email" | "phone_number";
  address: string;
}

/** Picks where to send a code: email if the user has one (and it is allowed), else phone. */
export function pickDestination(
  user: UserRecord,
  prefer: ("email" | "phone_number")[] = ["email", "phone_number"],
): Destination | undefined {
  for (const attribute of prefer) {
    const address = user.attributes[attribute];
    if (address) return { medium: attribute === "email" ? "EMAIL" : "SMS", attribute, address };
  }
  return undefined;
}

export function deliveryDetails(d: Destination): CodeDeliveryDetailsType {
  return {
    Destination: maskDestination(d.medium, d.address),
    DeliveryMedium: d.medium,
    AttributeName: d.attribute,
  };
}

/** Fills `{####}` (the code) and `{username}` in a pool's message template. */
export function fillTemplate(template: string, values: { code: string; username?: string }): string {
  return template.replaceAll("{####}", values.code).replaceAll("{username}", values.username ?? "");
}

/** Sends a message carrying `code` to `dest` through the delivery component. */
export async function sendCode(
  ctx: OperationContext,
  pool: PoolRecord,
  user: UserRecord,
  dest: Destination,
  message: { subject?: string; emailBody: string; smsBody: string; code: string },
): Promise<CodeDeliveryDetailsType> {
  const from = (pool.config.EmailConfiguration as { From?: string; SourceArn?: string } | undefined)?.From;
  await deliver(ctx, {
    poolId: pool.id,
    username: user.username,
    channel: dest.medium,
    destination: dest.address,
    ...(message.subject ? { subject: message.subject } : {}),
    body: dest.medium === "EMAIL" ? message.emailBody : message.smsBody,
    code: message.code,
    ...(from ? { from } : {}),
  });
  return deliveryDetails(dest);
}

/** Sends through the delivery component; a channel failure is Cognito's CodeDeliveryFailureException. */
async function deliver(ctx: OperationContext, message: OutgoingMessage): Promise<void> {
  try {
    await ctx.services.delivery.send(message);
  } catch (e) {
    if (!(e instanceof DeliveryError)) throw e;
    ctx.logger.warn("message delivery failed", {
      poolId: message.poolId,
      channel: message.channel,
      error: e.message,
    });
    throw new ServiceError(
      "CodeDeliveryFailureException",
      "Unable to deliver the message to the user's destination.",
    );
  }
}

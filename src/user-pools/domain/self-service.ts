import { createHash } from "node:crypto";
import type { CodeDeliveryDetailsType } from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../protocol/aws-json/errors.ts";
import type { ClientRecord, PoolRecord, UserRecord } from "../../storage/records.ts";
import type { OperationContext } from "../operation.ts";
import type { Destination } from "./codes.ts";
import { clientConfig, poolConfig, requireClient, requirePool } from "./pools.ts";
import { checkSecretHash } from "./secret-hash.ts";
import { findUser, maskDestination } from "./users.ts";

/**
 * The first steps of every unauthenticated self-service call (SignUp, ConfirmSignUp,
 * ResendConfirmationCode, ForgotPassword, ConfirmForgotPassword): the app client, its
 * pool, the user the name resolves to (if any) and the client's SECRET_HASH.
 */
export async function resolvePublicCall(
  ctx: OperationContext,
  input: { ClientId?: string; Username?: string; SecretHash?: string },
): Promise<{ client: ClientRecord; pool: PoolRecord; user: UserRecord | undefined }> {
  const client = await requireClient(ctx, input.ClientId!);
  const pool = await requirePool(ctx, client.poolId);
  const user = await findUser(ctx, pool, input.Username!);
  // The hash may be computed over what the user typed or over the stored username.
  checkSecretHash(
    client,
    user && user.username !== input.Username ? [input.Username!, user.username] : input.Username!,
    input.SecretHash,
  );
  return { client, pool, user };
}

export const preventsUserExistenceErrors = (client: ClientRecord): boolean =>
  clientConfig(client).PreventUserExistenceErrors === "ENABLED";

/** LEGACY answer for an unknown user in the public self-service operations. */
export const userNotFound = (): ServiceError =>
  new ServiceError("UserNotFoundException", "Username/client id combination not found.");

/**
 * With PreventUserExistenceErrors ENABLED, confirmation and recovery calls for an unknown user
 * answer "a code was sent to a simulated delivery medium" (developer guide, "Managing user
 * existence error responses"). The answer is derived from the name, so asking twice gives the same one.
 */
export function simulatedDelivery(
  pool: PoolRecord,
  typedName: string,
  medium: "EMAIL" | "SMS",
): CodeDeliveryDetailsType {
  if (/^[^\s@]+@[^\s@]+$/.test(typedName))
    return {
      Destination: maskDestination("EMAIL", typedName),
      DeliveryMedium: "EMAIL",
      AttributeName: "email",
    };
  if (/^\+[0-9]{4,15}$/.test(typedName))
    return {
      Destination: maskDestination("SMS", typedName),
      DeliveryMedium: "SMS",
      AttributeName: "phone_number",
    };
  const h = createHash("sha256").update(`${pool.id}\u0000${typedName}`).digest();
  const letter = (i: number) => String.fromCharCode(97 + (h[i]! % 26));
  if (medium === "SMS") {
    const digits = [...h.subarray(0, 4)].map((b) => String(b % 10)).join("");
    return {
      Destination: maskDestination("SMS", `+1555000${digits}`),
      DeliveryMedium: "SMS",
      AttributeName: "phone_number",
    };
  }
  return {
    Destination: maskDestination("EMAIL", `${letter(0)}@${letter(1)}`),
    DeliveryMedium: "EMAIL",
    AttributeName: "email",
  };
}

/**
 * Where a sign-up confirmation code goes: the auto-verified attributes the user has. With
 * both, Cognito verifies only the phone number (developer guide, "Configuring email or phone verification").
 */
export function signUpDestination(pool: PoolRecord, user: UserRecord): Destination | undefined {
  const auto = poolConfig(pool).AutoVerifiedAttributes ?? [];
  for (const attribute of ["phone_number", "email"] as const) {
    const address = user.attributes[attribute];
    if (auto.includes(attribute) && address)
      return { medium: attribute === "email" ? "EMAIL" : "SMS", attribute, address };
  }
  return undefined;
}

/** The medium an unknown user would most plausibly be sent a sign-up code on. */
export function signUpMedium(pool: PoolRecord): "EMAIL" | "SMS" {
  const auto = poolConfig(pool).AutoVerifiedAttributes ?? [];
  return auto.includes("phone_number") ? "SMS" : "EMAIL";
}

type Mechanism = "verified_email" | "verified_phone_number" | "admin_only";

/** The pool's recovery mechanisms by priority; without a setting, phone before email (Cognito's legacy behaviour). */
export function recoveryMechanisms(pool: PoolRecord): Mechanism[] {
  const setting = poolConfig(pool).AccountRecoverySetting?.RecoveryMechanisms;
  if (!setting?.length) return ["verified_phone_number", "verified_email"];
  return [...setting].sort((a, b) => (a.Priority ?? 0) - (b.Priority ?? 0)).map((m) => m.Name as Mechanism);
}

/**
 * Where a password-reset code goes (AccountRecoverySetting): the first mechanism whose attribute
 * the user has verified. Throws Cognito's errors for admin-only recovery and for no verified destination.
 */
export function recoveryDestination(pool: PoolRecord, user: UserRecord): Destination {
  const mechanisms = recoveryMechanisms(pool);
  if (mechanisms.includes("admin_only"))
    throw new ServiceError("NotAuthorizedException", "Contact administrator to reset password.");
  for (const m of mechanisms) {
    const attribute = m === "verified_email" ? "email" : "phone_number";
    const address = user.attributes[attribute];
    if (address && user.attributes[`${attribute}_verified`] === "true") {
      return { medium: attribute === "email" ? "EMAIL" : "SMS", attribute, address };
    }
  }
  throw new ServiceError(
    "InvalidParameterException",
    "Cannot reset password for the user as there is no registered/verified email or phone_number",
  );
}

/** The medium an unknown user would most plausibly be sent a reset code on. */
export function recoveryMedium(pool: PoolRecord): "EMAIL" | "SMS" {
  const first = recoveryMechanisms(pool).find((m) => m !== "admin_only");
  return first === "verified_phone_number" ? "SMS" : "EMAIL";
}

import { type RegistrationResponseJSON, verifyRegistrationResponse } from "@simplewebauthn/server";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import type { PoolRecord, UserRecord } from "../../../storage/records.ts";
import type { OperationContext } from "../../operation.ts";
import { sha256 } from "../../tokens/tokens.ts";
import { attestedCredential, clientData, newChallenge, objectField, rpIdHash } from "./ceremony.ts";
import { assertPasskeysEnabled, originAllowed, relyingParty } from "./relying-party.ts";

/** Passkeys one user may register. Cognito documents no figure; cognate takes 20. */
export const MAX_PASSKEYS = 20;
/** A registration challenge works once, within 5 minutes of StartWebAuthnRegistration. */
export const REGISTRATION_TTL_MS = 5 * 60_000;
/** How long the browser may wait for the authenticator (the WebAuthn `timeout` hint). */
export const CEREMONY_TIMEOUT_MS = 60_000;
/** Key algorithms accepted for passkeys: ES256 and RS256, the pair every platform authenticator offers. */
export const SUPPORTED_ALGS = [-7, -257];

const PURPOSE = "webauthn-registration";

/** What the pending registration remembers between Start and Complete (the codes table's `data`). */
interface Pending {
  challenge: string;
  clientId: string;
  rpId: string;
  userVerification: "required" | "preferred";
}

const tooMany = () =>
  new ServiceError("LimitExceededException", `A user can register at most ${MAX_PASSKEYS} passkeys.`);

/**
 * StartWebAuthnRegistration: PublicKeyCredentialCreationOptionsJSON for the signed-in user, with a
 * fresh challenge bound to the user and the app client of the access token. The user handle is
 * the user's `sub`; a passkey is a discoverable credential (residentKey "required").
 */
export async function startRegistration(
  ctx: OperationContext,
  pool: PoolRecord,
  user: UserRecord,
  clientId: string,
) {
  assertPasskeysEnabled(pool);
  const existing = await ctx.store.webauthn.listForUser(user.id, MAX_PASSKEYS);
  if (existing.items.length >= MAX_PASSKEYS) throw tooMany();
  const rp = relyingParty(ctx.config, pool);
  const challenge = newChallenge(ctx.random.bytes(32));
  const pending: Pending = { challenge, clientId, rpId: rp.id, userVerification: rp.userVerification };
  const now = ctx.clock.nowMs();
  // One pending registration per user: a new Start replaces the earlier challenge.
  await ctx.store.codes.put({
    userId: user.id,
    purpose: PURPOSE,
    codeHash: sha256(challenge),
    data: JSON.stringify(pending),
    attempts: 0,
    expiresAt: now + REGISTRATION_TTL_MS,
    createdAt: now,
  });
  return {
    challenge,
    rp: { id: rp.id, name: rp.name },
    user: {
      id: Buffer.from(user.id, "utf8").toString("base64url"),
      name: user.username,
      displayName: user.attributes.name ?? user.attributes.email ?? user.username,
    },
    pubKeyCredParams: SUPPORTED_ALGS.map((alg) => ({ type: "public-key", alg })),
    timeout: CEREMONY_TIMEOUT_MS,
    excludeCredentials: existing.items.map((c) => ({
      type: "public-key",
      id: c.credentialId,
      transports: c.transports,
    })),
    authenticatorSelection: {
      residentKey: "required",
      requireResidentKey: true,
      userVerification: rp.userVerification,
    },
    attestation: "none",
    extensions: { credProps: true },
  };
}

const invalidCredential = (why: string) =>
  new ServiceError("InvalidParameterException", `The passkey credential is not valid: ${why}`);
const notSupported = (why: string) => new ServiceError("WebAuthnCredentialNotSupportedException", why);

/**
 * CompleteWebAuthnRegistration: checks the RegistrationResponseJSON against the pending challenge
 * and stores the passkey. The exceptions are the API reference's: WebAuthnChallengeNotFoundException
 * (no pending or an expired challenge), WebAuthnClientMismatchException (token of another app
 * client), WebAuthnOriginNotAllowedException, WebAuthnRelyingPartyMismatchException and
 * WebAuthnCredentialNotSupportedException. The challenge is spent by the first completion that
 * gets past the client check, whether or not the credential then verifies.
 */
export async function completeRegistration(
  ctx: OperationContext,
  pool: PoolRecord,
  user: UserRecord,
  clientId: string,
  credential: Record<string, unknown>,
): Promise<void> {
  assertPasskeysEnabled(pool);
  const pending = await pendingRegistration(ctx, user, clientId);
  const response = objectField(credential, "response");
  const client = clientData(response?.clientDataJSON);
  if (!response || !client) throw invalidCredential("response.clientDataJSON is missing or malformed.");
  if (client.challenge !== pending.challenge) throw challengeNotFound();
  if (!originAllowed(client.origin, pending.rpId, ctx.config)) {
    throw new ServiceError(
      "WebAuthnOriginNotAllowedException",
      `The origin ${client.origin} is not allowed for the relying party ${pending.rpId}.`,
    );
  }
  if (!(await ctx.store.codes.consume(user.id, PURPOSE))) throw challengeNotFound();
  const attested = attestedCredential(response.attestationObject);
  if (!attested) throw invalidCredential("response.attestationObject is missing or malformed.");
  if (!attested.rpIdHash.equals(rpIdHash(pending.rpId))) {
    throw new ServiceError(
      "WebAuthnRelyingPartyMismatchException",
      `The passkey was created for another relying party than ${pending.rpId}.`,
    );
  }
  if (attested.alg === undefined || !SUPPORTED_ALGS.includes(attested.alg)) {
    throw notSupported(
      `The passkey's key algorithm ${attested.alg} is not supported; use ES256 (-7) or RS256 (-257).`,
    );
  }
  let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verified = await verifyRegistrationResponse({
      response: credential as unknown as RegistrationResponseJSON,
      expectedChallenge: pending.challenge,
      expectedOrigin: client.origin,
      expectedRPID: pending.rpId,
      requireUserVerification: pending.userVerification === "required",
      supportedAlgorithmIDs: SUPPORTED_ALGS,
    });
  } catch (e) {
    if (/user verification/i.test(String((e as Error).message))) {
      throw notSupported("The user pool requires passkeys that verify the user.");
    }
    throw invalidCredential(String((e as Error).message));
  }
  if (!verified.verified) throw invalidCredential("the attestation does not verify.");
  const info = verified.registrationInfo;
  const now = ctx.clock.nowMs();
  const stored = await ctx.store.transaction(async (tx) => {
    if ((await tx.webauthn.countForUser(user.id)) >= MAX_PASSKEYS) throw tooMany();
    return tx.webauthn.create({
      credentialId: info.credential.id,
      userId: user.id,
      poolId: pool.id,
      publicKey: Buffer.from(info.credential.publicKey).toString("base64url"),
      signCount: info.credential.counter,
      transports: transportsOf(credential, response),
      attachment:
        typeof credential.authenticatorAttachment === "string" ? credential.authenticatorAttachment : null,
      friendlyName: `Passkey ${new Date(now).toISOString().slice(0, 10)}`,
      relyingPartyId: pending.rpId,
      createdAt: now,
      lastUsedAt: null,
    });
  });
  if (!stored) throw invalidCredential("this passkey is registered already.");
}

const challengeNotFound = () =>
  new ServiceError(
    "WebAuthnChallengeNotFoundException",
    "The passkey registration challenge has expired or was not found; call StartWebAuthnRegistration again.",
  );

/** The user's pending registration, refused when missing, expired or started by another app client. */
async function pendingRegistration(
  ctx: OperationContext,
  user: UserRecord,
  clientId: string,
): Promise<Pending> {
  const stored = await ctx.store.codes.get(user.id, PURPOSE);
  if (!stored?.data || stored.expiresAt <= ctx.clock.nowMs()) throw challengeNotFound();
  const pending = JSON.parse(stored.data) as Pending;
  if (pending.clientId !== clientId) {
    throw new ServiceError(
      "WebAuthnClientMismatchException",
      "The access token is for another app client than the one that started the passkey registration.",
    );
  }
  return pending;
}

/** AuthenticatorTransports as the client reported them (response.transports, RegistrationResponseJSON). */
function transportsOf(credential: Record<string, unknown>, response: Record<string, unknown>): string[] {
  const t = response.transports ?? credential.transports;
  return Array.isArray(t) ? t.filter((x): x is string => typeof x === "string") : [];
}

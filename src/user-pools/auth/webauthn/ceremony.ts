import { createHash } from "node:crypto";
import {
  decodeAttestationObject,
  decodeCredentialPublicKey,
  parseAuthenticatorData,
} from "@simplewebauthn/server/helpers";

/** What clientDataJSON says: the ceremony type, the challenge it signs and the page's origin. */
export interface ClientData {
  type: string;
  challenge: string;
  origin: string;
}

/** Decodes base64url clientDataJSON; undefined when it is not the JSON WebAuthn clients send. */
export function clientData(encoded: unknown): ClientData | undefined {
  if (typeof encoded !== "string") return undefined;
  try {
    const v = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8")) as Partial<ClientData>;
    if (typeof v.type !== "string" || typeof v.challenge !== "string" || typeof v.origin !== "string")
      return undefined;
    return { type: v.type, challenge: v.challenge, origin: v.origin };
  } catch {
    return undefined;
  }
}

/** What the attestation object of a registration tells before its signature is checked. */
export interface AttestedCredential {
  rpIdHash: Buffer;
  /** COSE algorithm of the new key, e.g. -7 (ES256) or -257 (RS256). */
  alg: number | undefined;
}

/** Reads the attestation object's authenticator data; undefined when it cannot be parsed. */
export function attestedCredential(attestationObject: unknown): AttestedCredential | undefined {
  if (typeof attestationObject !== "string") return undefined;
  try {
    const decoded = decodeAttestationObject(Buffer.from(attestationObject, "base64url"));
    const auth = parseAuthenticatorData(decoded.get("authData"));
    if (!auth.credentialPublicKey) return undefined;
    const alg = decodeCredentialPublicKey(auth.credentialPublicKey).get(3);
    return { rpIdHash: Buffer.from(auth.rpIdHash), alg: typeof alg === "number" ? alg : undefined };
  } catch {
    return undefined;
  }
}

/** SHA-256 of the RP ID, as authenticator data carries it. */
export const rpIdHash = (rpId: string): Buffer => createHash("sha256").update(rpId, "utf8").digest();

/** The fresh random challenge of one ceremony, base64url as WebAuthn's JSON encodes it. */
export const newChallenge = (bytes: Buffer): string => bytes.toString("base64url");

/** A JSON object member read as an object, or undefined. */
export function objectField(v: unknown, name: string): Record<string, unknown> | undefined {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return undefined;
  const f = (v as Record<string, unknown>)[name];
  return typeof f === "object" && f !== null && !Array.isArray(f)
    ? (f as Record<string, unknown>)
    : undefined;
}

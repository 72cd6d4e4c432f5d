import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { g, hashInt, k, N, padBytes, padHex, sha256 } from "./group.ts";
import { modPowN } from "./modpow.ts";

/**
 * Server side of Cognito's SRP-6a (USER_SRP_AUTH / PASSWORD_SRP), byte for byte as
 * amazon-cognito-identity-js (AuthenticationHelper.js, CognitoUser.js) and Amplify v6 compute
 * the client side. All integers are non-negative bigints; "pad" is {@link padHex}.
 */

/** The pool's SRP name: the part of the pool id after "_" (`us-east-1_AbC` → `AbC`). */
export function srpPoolName(poolId: string): string {
  return poolId.slice(poolId.indexOf("_") + 1);
}

/** x = H(pad(salt) ‖ H(poolName ‖ userId ‖ ":" ‖ password)), with the inner hash as 64 hex digits. */
export function passwordExponent(poolName: string, userId: string, password: string, salt: bigint): bigint {
  const inner = sha256(`${poolName}${userId}:${password}`).toString("hex");
  return hashInt(Buffer.from(padHex(salt) + inner, "hex"));
}

export interface Verifier {
  /** Hex of the salt integer, as sent in SALT. */
  salt: string;
  /** Hex of v = g^x mod N. */
  verifier: string;
}

/**
 * The salt and verifier stored beside a password hash. `saltBytes` is fresh randomness
 * (16 bytes, as Cognito's SALT values have).
 *
 * @example makeVerifier("AbC", "alice", "Passw0rd!", randomBytes(16))
 */
export function makeVerifier(
  poolName: string,
  userId: string,
  password: string,
  saltBytes: Buffer,
): Verifier {
  const salt = BigInt(`0x${saltBytes.toString("hex")}`);
  const x = passwordExponent(poolName, userId, password, salt);
  return { salt: salt.toString(16), verifier: modPowN(g, x).toString(16) };
}

/** What InitiateAuth computes: the public B for the client and the derived key the answer is checked with. */
export interface ServerExchange {
  B: bigint;
  /** HKDF-derived 16-byte key; the PASSWORD_CLAIM_SIGNATURE is an HMAC under it. */
  key: Buffer;
}

/**
 * Given the client's A (already checked: A mod N ≠ 0), the stored verifier and a fresh
 * 256-bit secret b: B = k·v + g^b, u = H(pad(A) ‖ pad(B)), S = (A·v^u)^b, and the key
 * HKDF-SHA256(ikm = pad(S), salt = pad(u), info = "Caldera Derived Key", 16 bytes).
 * Returns undefined in the negligible case B ≡ 0 or u = 0, for the caller to draw a new b.
 */
export function serverExchange(A: bigint, verifierHex: string, b: bigint): ServerExchange | undefined {
  const v = BigInt(`0x${verifierHex}`);
  const B = (k * v + modPowN(g, b)) % N;
  if (B === 0n) return undefined;
  const u = hashInt(padBytes(A), padBytes(B));
  if (u === 0n) return undefined;
  const S = modPowN((A * modPowN(v, u)) % N, b);
  return { B, key: derivedKey(S, u) };
}

/** HKDF as AuthenticationHelper.computehkdf: one HMAC block over "Caldera Derived Key" ‖ 0x01, first 16 bytes. */
export function derivedKey(S: bigint, u: bigint): Buffer {
  return Buffer.from(
    hkdfSync("sha256", padBytes(S), padBytes(u), Buffer.from("Caldera Derived Key", "utf8"), 16),
  );
}

/** PASSWORD_CLAIM_SIGNATURE = HMAC-SHA256(key, poolName ‖ userId ‖ secretBlock ‖ timestamp). */
export function claimSignature(
  key: Buffer,
  poolName: string,
  userId: string,
  secretBlock: Buffer,
  timestamp: string,
): Buffer {
  return createHmac("sha256", key)
    .update(Buffer.from(poolName, "utf8"))
    .update(Buffer.from(userId, "utf8"))
    .update(secretBlock)
    .update(Buffer.from(timestamp, "utf8"))
    .digest();
}

/** Compares a client's base64 signature with the expected one in constant time. */
export function signatureMatches(expected: Buffer, claimedBase64: string): boolean {
  const claimed = Buffer.from(claimedBase64, "base64");
  return claimed.length === expected.length && timingSafeEqual(claimed, expected);
}

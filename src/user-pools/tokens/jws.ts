import { createPrivateKey, type JsonWebKey, type KeyObject, sign } from "node:crypto";
import type { JWK } from "jose";

/**
 * RS256 signing of JWTs with Node's `crypto.sign` (OpenSSL's RSASSA-PKCS1-v1_5 with SHA-256),
 * called synchronously. jose, which creates and verifies every other key and token here, signs
 * through WebCrypto: its `subtle.sign` runs each signature as a thread-pool job, and that costs
 * 70–100 µs of CPU per signature on top of the RSA operation itself (bench: 262 µs synchronous,
 * 305 µs through the thread pool, 320–360 µs through jose). A sign-in or refresh signs two
 * tokens, so this is a fifth of a refresh's CPU. The signature is the same bytes either way; only
 * the compact serialization (RFC 7515 §7.1: three base64url parts joined by dots) is built here,
 * and the tests verify the result with jose and aws-jwt-verify.
 */
export function signJwt(
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
  key: KeyObject,
): string {
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  return `${input}.${sign("sha256", Buffer.from(input, "latin1"), key).toString("base64url")}`;
}

/** A private RSA JWK as a Node key for `signJwt`. */
export function rsaSigningKey(privateJwk: JWK): KeyObject {
  return createPrivateKey({ key: privateJwk as JsonWebKey, format: "jwk" });
}

const base64url = (s: string): string => Buffer.from(s, "utf8").toString("base64url");

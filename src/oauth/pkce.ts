import { createHash, timingSafeEqual } from "node:crypto";

/**
 * The one PKCE method Cognito accepts: S256 (developer guide, "Using PKCE in authorization code
 * grants": the app sends the SHA-256 of the verifier; `plain` is not supported). A challenge sent
 * without a method is taken as S256.
 */
export const PKCE_METHOD = "S256";

/** RFC 7636 §4.1: 43 to 128 characters of [A-Z a-z 0-9 - . _ ~]. */
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** Checks a code_verifier against the stored S256 challenge (RFC 7636 §4.6), in constant time. */
export function verifyPkce(challenge: string, verifier: string | undefined): boolean {
  if (!verifier || !VERIFIER.test(verifier)) return false;
  const a = Buffer.from(createHash("sha256").update(verifier).digest("base64url"));
  const b = Buffer.from(challenge);
  return a.length === b.length && timingSafeEqual(a, b);
}

import { createHash, timingSafeEqual } from "node:crypto";

/** PKCE methods the authorize endpoint accepts (RFC 7636 §4.2). */
export const PKCE_METHODS = ["S256", "plain"] as const;

/** RFC 7636 §4.1: 43 to 128 characters of [A-Z a-z 0-9 - . _ ~]. */
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** Checks a code_verifier against the stored challenge (RFC 7636 §4.6), in constant time. */
export function verifyPkce(method: string, challenge: string, verifier: string | undefined): boolean {
  if (!verifier || !VERIFIER.test(verifier)) return false;
  const derived = method === "S256" ? createHash("sha256").update(verifier).digest("base64url") : verifier;
  const a = Buffer.from(derived);
  const b = Buffer.from(challenge);
  return a.length === b.length && timingSafeEqual(a, b);
}

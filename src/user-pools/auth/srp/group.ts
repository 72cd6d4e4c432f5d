import { createHash } from "node:crypto";

/**
 * The SRP-6a group Cognito uses: the 3072-bit prime of RFC 5054 appendix A (the same as
 * RFC 3526 group 15) with generator 2, exactly as amazon-cognito-identity-js's
 * AuthenticationHelper and Amplify's srp/constants declare it.
 */
export const N_HEX =
  "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD" +
  "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED" +
  "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F" +
  "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B" +
  "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510" +
  "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7" +
  "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C" +
  "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF";

export const N = BigInt(`0x${N_HEX}`);
export const g = 2n;

/**
 * Cognito's `padHex` for non-negative integers: the even-length hex of Java's
 * `BigInteger.toByteArray()`, i.e. with a `00` sign byte when the top bit is set.
 *
 * @example padHex(0xecn) === "00ec"; padHex(0x14n) === "14"
 */
export function padHex(n: bigint): string {
  let hex = n.toString(16);
  if (hex.length % 2 !== 0) hex = `0${hex}`;
  return /^[89a-f]/.test(hex) ? `00${hex}` : hex;
}

/** The bytes of `padHex(n)`. */
export function padBytes(n: bigint): Buffer {
  return Buffer.from(padHex(n), "hex");
}

export function sha256(...parts: (Buffer | string)[]): Buffer {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return h.digest();
}

/** A SHA-256 digest read as a non-negative integer (how the library turns hashes into k, u and x). */
export function hashInt(...parts: (Buffer | string)[]): bigint {
  return BigInt(`0x${sha256(...parts).toString("hex")}`);
}

/** The SRP-6a multiplier k = H(pad(N) ‖ pad(g)). */
export const k = hashInt(padBytes(N), padBytes(g));

/** Parses a client-sent hex integer (SRP_A); undefined when it is not hex or is longer than N allows. */
export function parseHexInt(hex: string): bigint | undefined {
  // 768 hex digits for N, plus room for a sign byte and leading zeros some clients send.
  if (hex.length === 0 || hex.length > 800 || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
  return BigInt(`0x${hex}`);
}

import { createDiffieHellman } from "node:crypto";
import { N, N_HEX, padHex } from "./group.ts";

/** Square-and-multiply in plain BigInt: base^exp mod m. The reference the OpenSSL path is checked against. */
export function modPowBigInt(base: bigint, exp: bigint, m: bigint): bigint {
  let result = 1n;
  let b = ((base % m) + m) % m;
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return result;
}

const toBytes = (n: bigint) => Buffer.from(padHex(n), "hex");
const fromBytes = (b: Buffer) => BigInt(`0x${b.toString("hex") || "0"}`);

/**
 * One Diffie-Hellman object over N, reused: OpenSSL computes `peer^priv mod N` in
 * `computeSecret` and `g^priv mod N` in `generateKeys`, both in native constant-time code.
 * Safe to share because every call sets its exponent and reads the result synchronously.
 */
const dh = createDiffieHellman(Buffer.from(N_HEX, "hex"), Buffer.from([2]));

/**
 * base^exp mod N through OpenSSL (node:crypto). Falls back to BigInt for the bases OpenSSL's
 * public-key check refuses (0, 1, N-1), which an honest exchange never produces.
 * bench/srp-modpow.ts measures this against {@link modPowBigInt}.
 */
export function modPowN(base: bigint, exp: bigint): bigint {
  const b = ((base % N) + N) % N;
  if (exp === 0n) return 1n;
  if (b <= 1n || b >= N - 1n) return modPowBigInt(b, exp, N);
  dh.setPrivateKey(toBytes(exp));
  if (b === 2n) {
    dh.generateKeys();
    return fromBytes(dh.getPublicKey());
  }
  return fromBytes(dh.computeSecret(toBytes(b)));
}

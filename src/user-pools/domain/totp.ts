import { createHmac, timingSafeEqual } from "node:crypto";
import type { Random } from "../../runtime/random.ts";

/**
 * Time-based one-time passwords (RFC 6238) over HOTP (RFC 4226) with HMAC-SHA1, as
 * authenticator apps compute them for the `otpauth://totp/...?secret=<base32>` keys that
 * AssociateSoftwareToken hands out: 30-second steps, 6 digits.
 */
export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of the current one, for clock drift (RFC 6238 §5.2 recommends one). */
export const TOTP_WINDOW = 1;
/**
 * Secret length in bytes: 20, the HMAC-SHA1 output size RFC 4226 §4 (R6) and RFC 6238 §5.1
 * recommend; 32 base32 characters.
 */
export const TOTP_SECRET_BYTES = 20;

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/**
 * RFC 4648 base32 without padding.
 *
 * @example
 * base32Encode(Buffer.from("foobar")); // "MZXW6YTBOI"
 */
export function base32Encode(bytes: Uint8Array): string {
  let out = "";
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = ((value << 8) | b) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/**
 * Decodes RFC 4648 base32 (case-insensitive, padding and spaces ignored); undefined for other characters.
 *
 * @example
 * base32Decode("MZXW6YTBOI======")?.toString(); // "foobar"
 */
export function base32Decode(text: string): Buffer | undefined {
  const clean = text.replace(/[\s=]/g, "").toUpperCase();
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const v = BASE32.indexOf(ch);
    if (v < 0) return undefined;
    value = ((value << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/**
 * HOTP (RFC 4226 §5): HMAC over the 8-byte big-endian counter, dynamic truncation, `digits` digits.
 *
 * @example
 * hotp(Buffer.from("12345678901234567890"), 0); // "755224"
 */
export function hotp(key: Uint8Array, counter: number, digits = TOTP_DIGITS, algorithm = "sha1"): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, key).update(msg).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, "0");
}

/** The RFC 6238 time step T for a time in epoch milliseconds. */
export const timeStep = (nowMs: number, stepSeconds = TOTP_STEP_SECONDS): number =>
  Math.floor(nowMs / 1000 / stepSeconds);

/**
 * The TOTP for a time (epoch ms).
 *
 * @example
 * totp(Buffer.from("12345678901234567890"), 59_000, { digits: 8 }); // "94287082"
 */
export function totp(
  key: Uint8Array,
  nowMs: number,
  opts: { digits?: number; stepSeconds?: number; algorithm?: string } = {},
): string {
  return hotp(key, timeStep(nowMs, opts.stepSeconds), opts.digits ?? TOTP_DIGITS, opts.algorithm);
}

/**
 * Checks a 6-digit code against a base32 secret at `nowMs`, allowing one step of drift either
 * way. Steps at or before `lastStep` (the last one accepted) are refused, so a code works once.
 * Returns the matching step, or undefined. Compares in constant time.
 *
 * @example
 * const step = verifyTotp(secret, "123456", clock.nowMs(), user.mfa.totpLastStep);
 */
export function verifyTotp(
  secret: string,
  code: string,
  nowMs: number,
  lastStep?: number,
): number | undefined {
  const key = base32Decode(secret);
  if (!key || key.length === 0 || !/^[0-9]{6}$/.test(code)) return undefined;
  const now = timeStep(nowMs);
  const given = Buffer.from(code);
  let match: number | undefined;
  // Every candidate is computed and compared, so timing does not tell which step matched.
  for (let step = now - TOTP_WINDOW; step <= now + TOTP_WINDOW; step++) {
    const ok = timingSafeEqual(Buffer.from(hotp(key, step)), given);
    if (ok && match === undefined && (lastStep === undefined || step > lastStep)) match = step;
  }
  return match;
}

/**
 * A fresh shared secret: 20 random bytes as 32 base32 characters.
 *
 * @example
 * const secret = newTotpSecret(ctx.random); // "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
 */
export function newTotpSecret(random: Pick<Random, "bytes">): string {
  return base32Encode(random.bytes(TOTP_SECRET_BYTES));
}

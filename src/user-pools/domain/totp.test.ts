import assert from "node:assert/strict";
import { test } from "node:test";
import { base32Decode, base32Encode, hotp, newTotpSecret, totp, verifyTotp } from "./totp.ts";

const SEED_SHA1 = Buffer.from("12345678901234567890");
const SEED_SHA256 = Buffer.from("12345678901234567890123456789012");
const SEED_SHA512 = Buffer.from("1234567890123456789012345678901234567890123456789012345678901234");

test("base32 matches RFC 4648 §10 test vectors", () => {
  const vectors: [string, string][] = [
    ["", ""],
    ["f", "MY"],
    ["fo", "MZXQ"],
    ["foo", "MZXW6"],
    ["foob", "MZXW6YQ"],
    ["fooba", "MZXW6YTB"],
    ["foobar", "MZXW6YTBOI"],
  ];
  for (const [plain, encoded] of vectors) {
    assert.equal(base32Encode(Buffer.from(plain)), encoded);
    assert.equal(base32Decode(`${encoded}${"=".repeat((8 - (encoded.length % 8)) % 8)}`)?.toString(), plain);
    assert.equal(base32Decode(encoded.toLowerCase())?.toString(), plain);
  }
  assert.equal(base32Decode("MZXW1"), undefined, "1 is not a base32 character");
});

test("HOTP matches RFC 4226 Appendix D", () => {
  const expected = [
    "755224",
    "287082",
    "359152",
    "969429",
    "338314",
    "254676",
    "287922",
    "162583",
    "399871",
    "520489",
  ];
  for (const [counter, code] of expected.entries()) assert.equal(hotp(SEED_SHA1, counter), code);
});

test("TOTP matches RFC 6238 Appendix B (8 digits, SHA-1, SHA-256, SHA-512)", () => {
  const vectors: [number, string, string, string][] = [
    [59, "94287082", "46119246", "90693936"],
    [1111111109, "07081804", "68084774", "25091201"],
    [1111111111, "14050471", "67062674", "99943326"],
    [1234567890, "89005924", "91819424", "93441116"],
    [2000000000, "69279037", "90698825", "38618901"],
    [20000000000, "65353130", "77737706", "47863826"],
  ];
  for (const [seconds, sha1, sha256, sha512] of vectors) {
    const ms = seconds * 1000;
    assert.equal(totp(SEED_SHA1, ms, { digits: 8 }), sha1, `SHA-1 at ${seconds}`);
    assert.equal(totp(SEED_SHA256, ms, { digits: 8, algorithm: "sha256" }), sha256, `SHA-256 at ${seconds}`);
    assert.equal(totp(SEED_SHA512, ms, { digits: 8, algorithm: "sha512" }), sha512, `SHA-512 at ${seconds}`);
  }
});

test("verifyTotp accepts one step of drift either way, refuses two, and returns the step", () => {
  const secret = base32Encode(SEED_SHA1);
  const now = 1111111111_000;
  const step = Math.floor(now / 30_000);
  const at = (ms: number) => totp(SEED_SHA1, ms);
  assert.equal(verifyTotp(secret, at(now), now), step);
  assert.equal(verifyTotp(secret, at(now - 30_000), now), step - 1);
  assert.equal(verifyTotp(secret, at(now + 30_000), now), step + 1);
  assert.equal(verifyTotp(secret, at(now - 60_000), now), undefined);
  assert.equal(verifyTotp(secret, at(now + 60_000), now), undefined);
  assert.equal(verifyTotp(secret, "12345", now), undefined, "five digits");
  assert.equal(verifyTotp(secret, "abcdef", now), undefined, "not digits");
});

test("verifyTotp refuses a step at or before the last accepted one (no replay)", () => {
  const secret = base32Encode(SEED_SHA1);
  const now = 1234567890_000;
  const step = Math.floor(now / 30_000);
  const code = totp(SEED_SHA1, now);
  assert.equal(verifyTotp(secret, code, now, step - 1), step);
  assert.equal(verifyTotp(secret, code, now, step), undefined);
  assert.equal(verifyTotp(secret, totp(SEED_SHA1, now - 30_000), now, step), undefined);
});

test("new secrets are 32 base32 characters of fresh randomness", () => {
  const a = newTotpSecret({ bytes: (n) => Buffer.alloc(n, 0xff) });
  assert.equal(a, "7".repeat(32));
  const random = { bytes: (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => i)) };
  const b = newTotpSecret(random);
  assert.match(b, /^[A-Z2-7]{32}$/);
  assert.equal(base32Decode(b)?.length, 20);
});

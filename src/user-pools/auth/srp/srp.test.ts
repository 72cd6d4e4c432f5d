import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { libraryConstants, libraryTimestamp, srpClient } from "../../../../test/support/srp-client.ts";
import { g, k, N, padHex, parseHexInt } from "./group.ts";
import { modPowBigInt, modPowN } from "./modpow.ts";
import {
  claimSignature,
  makeVerifier,
  passwordExponent,
  serverExchange,
  signatureMatches,
  srpPoolName,
} from "./protocol.ts";
import { formatTimestamp, parseTimestamp } from "./timestamp.ts";

const POOL_ID = "us-east-1_SrpTest01";
const POOL = srpPoolName(POOL_ID);

/** Runs the server side against the library's client side and returns both keys. */
async function exchange(password: string, clientPassword = password, userId = "alice") {
  const stored = makeVerifier(POOL, userId, password, randomBytes(16));
  const client = srpClient(POOL_ID);
  const A = BigInt(`0x${client.srpA}`);
  const server = serverExchange(A, stored.verifier, BigInt(`0x${randomBytes(32).toString("hex")}`))!;
  const challenge = {
    SALT: stored.salt,
    SRP_B: server.B.toString(16),
    USER_ID_FOR_SRP: userId,
    SECRET_BLOCK: randomBytes(64).toString("base64"),
  };
  return { server, challenge, client, clientKey: await client.key(challenge, clientPassword) };
}

describe("SRP group", () => {
  test("N is RFC 5054's 3072-bit prime with g = 2", () => {
    assert.equal(N.toString(2).length, 3072);
    assert.equal(g, 2n);
  });

  test("padHex matches the library's examples (AuthenticationHelper.padHex doc comment)", () => {
    assert.equal(padHex(20n), "14");
    assert.equal(padHex(236n), "00ec");
    assert.equal(padHex(56n), "38");
    assert.equal(padHex(200n), "00c8");
    assert.equal(padHex(0x1abcn), "1abc");
    assert.equal(padHex(0xabcn), "0abc");
  });

  test("N and k = H(pad(N) ‖ pad(g)) equal the library's", () => {
    const lib = libraryConstants();
    assert.equal(N.toString(16), lib.N);
    assert.equal(k.toString(16), lib.k);
  });

  test("OpenSSL modPowN agrees with plain BigInt", () => {
    for (let i = 0; i < 10; i++) {
      const base = BigInt(`0x${randomBytes(384).toString("hex")}`) % N;
      const exp = BigInt(`0x${randomBytes(32).toString("hex")}`);
      assert.equal(modPowN(base, exp), modPowBigInt(base, exp, N));
      assert.equal(modPowN(g, exp), modPowBigInt(g, exp, N));
    }
    assert.equal(modPowN(1n, 5n), 1n);
    assert.equal(modPowN(N - 1n, 2n), 1n);
  });

  test("parseHexInt refuses non-hex and oversized values", () => {
    assert.equal(parseHexInt("zz"), undefined);
    assert.equal(parseHexInt(""), undefined);
    assert.equal(parseHexInt("f".repeat(801)), undefined);
    assert.equal(parseHexInt("00ff"), 255n);
  });
});

describe("SRP exchange against amazon-cognito-identity-js's AuthenticationHelper", () => {
  test("the verifier is g^x with x = H(pad(salt) ‖ H(poolName ‖ user ‖ ':' ‖ password))", () => {
    const v = makeVerifier(
      POOL,
      "alice",
      "Passw0rd!",
      Buffer.from("00112233445566778899aabbccddeeff", "hex"),
    );
    assert.equal(v.salt, "112233445566778899aabbccddeeff"); // sent without leading zeros, as Cognito does
    const x = passwordExponent(POOL, "alice", "Passw0rd!", BigInt(`0x${v.salt}`));
    assert.equal(v.verifier, modPowBigInt(g, x, N).toString(16));
  });

  test("the right password derives the same key on both sides, many times over", async () => {
    for (let i = 0; i < 8; i++) {
      const { server, clientKey } = await exchange(`Pass-${i}-word!`);
      assert.equal(clientKey.toString("hex"), server.key.toString("hex"));
    }
  });

  test("a wrong password derives a different key", async () => {
    const { server, clientKey } = await exchange("Right-Pass-1", "Wrong-Pass-1");
    assert.notEqual(clientKey.toString("hex"), server.key.toString("hex"));
  });

  test("the user id is part of x: another USER_ID_FOR_SRP derives a different key", async () => {
    const stored = makeVerifier(POOL, "alice", "Right-Pass-1", randomBytes(16));
    const client = srpClient(POOL_ID);
    const server = serverExchange(BigInt(`0x${client.srpA}`), stored.verifier, 12345678901234567890n)!;
    const key = await client.key(
      { SALT: stored.salt, SRP_B: server.B.toString(16), USER_ID_FOR_SRP: "bob" },
      "Right-Pass-1",
    );
    assert.notEqual(key.toString("hex"), server.key.toString("hex"));
  });

  test("the library's PASSWORD_CLAIM_SIGNATURE verifies; a forged one does not", async () => {
    const { server, challenge, client } = await exchange("Right-Pass-1");
    const answer = await client.answer(challenge, "Right-Pass-1");
    const expected = claimSignature(
      server.key,
      POOL,
      "alice",
      Buffer.from(challenge.SECRET_BLOCK, "base64"),
      answer.TIMESTAMP!,
    );
    assert.ok(signatureMatches(expected, answer.PASSWORD_CLAIM_SIGNATURE!));
    assert.ok(!signatureMatches(expected, Buffer.alloc(32, 1).toString("base64")));
    assert.ok(!signatureMatches(expected, "short"));
    const other = claimSignature(
      server.key,
      POOL,
      "alice",
      Buffer.from(challenge.SECRET_BLOCK, "base64"),
      "Mon Jan 1 00:00:00 UTC 2024",
    );
    assert.ok(!signatureMatches(other, answer.PASSWORD_CLAIM_SIGNATURE!));
  });
});

describe("SRP TIMESTAMP", () => {
  test("formats as Cognito's clients do, day not zero-padded", () => {
    assert.equal(formatTimestamp(Date.UTC(2023, 8, 5, 12, 34, 56)), "Tue Sep 5 12:34:56 UTC 2023");
    assert.equal(formatTimestamp(Date.UTC(2024, 0, 15, 3, 4, 5)), "Mon Jan 15 03:04:05 UTC 2024");
  });

  test("parses what it formats, and the library's own output", () => {
    const ms = Date.UTC(2023, 8, 5, 12, 34, 56);
    assert.equal(parseTimestamp(formatTimestamp(ms)), ms);
    const now = libraryTimestamp();
    const parsed = parseTimestamp(now);
    assert.ok(parsed !== undefined, now);
    assert.equal(formatTimestamp(parsed), now);
  });

  test("leniently parses a zero-padded day or a wrong weekday; refuses other shapes", () => {
    assert.equal(parseTimestamp("Tue Sep 05 12:34:56 UTC 2023"), Date.UTC(2023, 8, 5, 12, 34, 56));
    assert.equal(parseTimestamp("Mon Sep 5 12:34:56 UTC 2023"), Date.UTC(2023, 8, 5, 12, 34, 56));
    for (const bad of [
      "2023-09-05T12:34:56Z",
      "Tue Sep 5 12:34:56 +05:30 2023",
      "Tue Sep 31 12:34:56 UTC 2023",
      "Tue Sep 5 25:34:56 UTC 2023",
      "",
    ]) {
      assert.equal(parseTimestamp(bad), undefined, bad);
    }
  });
});

import assert from "node:assert/strict";
import { test } from "node:test";
import { checkPasswordPolicy, generateTemporaryPassword, PasswordHasher } from "./passwords.ts";

test("argon2id at OWASP parameters, kept in the PHC string", async () => {
  const h = new PasswordHasher({ memoryKiB: 19456, iterations: 2, parallelism: 1 });
  const stored = await h.hash("Correct-Horse-9");
  assert.match(stored, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  assert.deepEqual(await h.verify(stored, "Correct-Horse-9"), { ok: true, rehash: false });
  assert.deepEqual(await h.verify(stored, "wrong"), { ok: false, rehash: false });
  assert.deepEqual(await h.verify(null, "anything"), { ok: false, rehash: false });
});

test("hashes with weaker parameters ask for a re-hash after a correct password", async () => {
  const weak = await new PasswordHasher({ memoryKiB: 8192, iterations: 1, parallelism: 1 }).hash("pw");
  const strong = new PasswordHasher({ memoryKiB: 19456, iterations: 2, parallelism: 1 });
  assert.deepEqual(await strong.verify(weak, "pw"), { ok: true, rehash: true });
  assert.deepEqual(await strong.verify(weak, "nope"), { ok: false, rehash: false });
});

test("policy messages are Cognito's", () => {
  const msg = (pw: string, policy = {}) => {
    try {
      checkPasswordPolicy(policy, pw);
      return "ok";
    } catch (e) {
      return (e as Error).message;
    }
  };
  assert.equal(msg("Aa1!"), "Password did not conform with policy: Password not long enough");
  assert.equal(
    msg("AAAAAAAA1!"),
    "Password did not conform with policy: Password must have lowercase characters",
  );
  assert.equal(
    msg("aaaaaaaa1!"),
    "Password did not conform with policy: Password must have uppercase characters",
  );
  assert.equal(
    msg("aaaaAAAA!!"),
    "Password did not conform with policy: Password must have numeric characters",
  );
  assert.equal(
    msg("aaaaAAAA11"),
    "Password did not conform with policy: Password must have symbol characters",
  );
  assert.equal(
    msg("aaaaaa", {
      MinimumLength: 6,
      RequireUppercase: false,
      RequireNumbers: false,
      RequireSymbols: false,
    }),
    "ok",
  );
});

test("generated temporary passwords satisfy the policy", () => {
  const pick = (alphabet: string, n: number) =>
    Array.from({ length: n }, (_, i) => alphabet[(i * 7) % alphabet.length]).join("");
  const pw = generateTemporaryPassword({ MinimumLength: 20 }, pick);
  assert.equal(pw.length, 20);
  checkPasswordPolicy({ MinimumLength: 20 }, pw);
});

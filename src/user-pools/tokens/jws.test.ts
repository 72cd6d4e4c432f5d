import assert from "node:assert/strict";
import { test } from "node:test";
import { CognitoJwtVerifier } from "aws-jwt-verify";
import { compactVerify, decodeProtectedHeader, exportJWK, generateKeyPair, importJWK, jwtVerify } from "jose";
import { rsaSigningKey, signJwt } from "./jws.ts";

const keys = async () => {
  const { privateKey, publicKey } = await generateKeyPair("RS256", {
    modulusLength: 2048,
    extractable: true,
  });
  return { privateJwk: await exportJWK(privateKey), publicKey, publicJwk: await exportJWK(publicKey) };
};

test("signJwt: jose verifies the RS256 signature and reads back header and claims, non-ASCII included", async () => {
  const { privateJwk, publicKey } = await keys();
  const claims = { sub: "s-1", name: "Zoë 漢字 🙂", "custom:n": "1", exp: 2_000_000_000, iat: 1_900_000_000 };
  const token = signJwt({ kid: "kid-1", alg: "RS256" }, claims, rsaSigningKey(privateJwk));
  assert.match(token, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  // The header is exactly Cognito's: kid, then alg.
  assert.equal(Buffer.from(token.split(".")[0]!, "base64url").toString(), '{"kid":"kid-1","alg":"RS256"}');
  assert.deepEqual(decodeProtectedHeader(token), { kid: "kid-1", alg: "RS256" });
  const { payload } = await jwtVerify(token, publicKey, {
    algorithms: ["RS256"],
    currentDate: new Date(1.95e12),
  });
  assert.deepEqual(payload, claims);
});

test("signJwt: a changed payload or a different key fails verification", async () => {
  const a = await keys();
  const b = await keys();
  const token = signJwt({ kid: "k", alg: "RS256" }, { sub: "x" }, rsaSigningKey(a.privateJwk));
  const [h, , sig] = token.split(".");
  const forged = `${h}.${Buffer.from('{"sub":"y"}').toString("base64url")}.${sig}`;
  await assert.rejects(compactVerify(forged, a.publicKey));
  await assert.rejects(compactVerify(token, await importJWK(b.publicJwk, "RS256")));
  await compactVerify(token, a.publicKey);
});

test("signJwt: aws-jwt-verify accepts an access token signed this way", async () => {
  const { privateJwk, publicJwk } = await keys();
  const poolId = "us-east-1_AbCdEfGhI";
  const now = Math.floor(Date.now() / 1000);
  const token = signJwt(
    { kid: "kid-v", alg: "RS256" },
    {
      sub: "s",
      iss: `https://cognito-idp.us-east-1.amazonaws.com/${poolId}`,
      client_id: "client1",
      token_use: "access",
      scope: "aws.cognito.signin.user.admin",
      auth_time: now,
      exp: now + 3600,
      iat: now,
      jti: "j",
      username: "u",
    },
    rsaSigningKey(privateJwk),
  );
  const verifier = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: "access", clientId: "client1" });
  verifier.cacheJwks({ keys: [{ ...publicJwk, kid: "kid-v", alg: "RS256", use: "sig" }] } as never);
  const payload = await verifier.verify(token);
  assert.equal(payload.username, "u");
});

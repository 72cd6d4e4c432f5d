// Token claims as Cognito issues them (developer guide, "Understanding user pool JSON web tokens"),
// verified with aws-jwt-verify the way apps verify Cognito's tokens.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AdminAddUserToGroupCommand,
  AdminInitiateAuthCommand,
  CreateGroupCommand,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { CognitoJwtVerifier, JwtVerifier } from "aws-jwt-verify";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";

// aws-jwt-verify's own fetcher speaks only https; a local http endpoint needs a fetcher like this one
// (README, "Verifying tokens"). Behind TLS the default fetcher works unchanged.
const httpJwksCache = () =>
  new SimpleJwksCache({ fetcher: { fetch: async (uri: string) => (await fetch(uri)).arrayBuffer() } });

import { AdminSetUserPasswordCommand } from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, createUser, GOOD_PASSWORD } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";

const decode = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString()) as Record<string, any>;
const header = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split(".")[0]!, "base64url").toString()) as Record<string, any>;

async function signIn(t: TestServer, poolId: string, clientId: string, username: string) {
  const r = await t.idp.send(
    new AdminInitiateAuthCommand({
      UserPoolId: poolId,
      ClientId: clientId,
      AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: username, PASSWORD: GOOD_PASSWORD },
    }),
  );
  return r.AuthenticationResult!;
}

async function permanentUser(t: TestServer, poolId: string, username: string, attrs: Record<string, string>) {
  await createUser(t.idp, poolId, username, attrs);
  await t.idp.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: poolId,
      Username: username,
      Password: GOOD_PASSWORD,
      Permanent: true,
    }),
  );
}

for (const backend of BACKENDS) {
  describe(`tokens (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    let clientId: string;
    before(async () => {
      t = await startTestServer({ backend });
      ({ poolId, clientId } = await createPoolAndClient(
        t.idp,
        { Schema: [{ Name: "team", AttributeDataType: "String", Mutable: true }] },
        {
          AccessTokenValidity: 2,
          IdTokenValidity: 30,
          TokenValidityUnits: { AccessToken: "hours", IdToken: "minutes", RefreshToken: "days" },
        },
      ));
      await t.idp.send(
        new CreateGroupCommand({
          UserPoolId: poolId,
          GroupName: "admins",
          Precedence: 1,
          RoleArn: "arn:aws:iam::123456789012:role/Admins",
        }),
      );
      await t.idp.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: "staff", Precedence: 5 }));
      await permanentUser(t, poolId, "grace", {
        email: "grace@example.com",
        email_verified: "true",
        "custom:team": "blue",
        name: "Grace",
      });
      await t.idp.send(
        new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: "grace", GroupName: "staff" }),
      );
      await t.idp.send(
        new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: "grace", GroupName: "admins" }),
      );
    });
    after(() => t.close());

    test("ID token claims: attributes, booleans, groups by precedence, roles; exp - iat is the client's validity", async () => {
      const r = await signIn(t, poolId, clientId, "grace");
      const id = decode(r.IdToken!);
      assert.equal(id.token_use, "id");
      assert.equal(id.aud, clientId);
      assert.equal(id.iss, `${t.url}/${poolId}`);
      assert.equal(id["cognito:username"], "grace");
      assert.equal(id.email, "grace@example.com");
      assert.equal(id.email_verified, true, "email_verified is a JSON boolean in the ID token");
      assert.equal(id["custom:team"], "blue");
      assert.equal(id.name, "Grace");
      assert.deepEqual(id["cognito:groups"], ["admins", "staff"]);
      assert.deepEqual(id["cognito:roles"], ["arn:aws:iam::123456789012:role/Admins"]);
      assert.equal(id["cognito:preferred_role"], "arn:aws:iam::123456789012:role/Admins");
      assert.match(id.sub, /^[0-9a-f-]{36}$/);
      assert.equal(id.exp - id.iat, 30 * 60);
      assert.equal(typeof id.auth_time, "number");
      assert.ok(id.jti && id.origin_jti && id.event_id);
      assert.equal(header(r.IdToken!).alg, "RS256");
      assert.ok(header(r.IdToken!).kid);
    });

    test("access token claims: no aud, scope, username, client_id; shares origin_jti and event_id with the ID token", async () => {
      const r = await signIn(t, poolId, clientId, "grace");
      const access = decode(r.AccessToken!);
      const id = decode(r.IdToken!);
      assert.equal(access.token_use, "access");
      assert.equal(access.aud, undefined);
      assert.equal(access.client_id, clientId);
      assert.equal(access.scope, "aws.cognito.signin.user.admin");
      assert.equal(access.username, "grace");
      assert.equal(access.sub, id.sub);
      assert.deepEqual(access["cognito:groups"], ["admins", "staff"]);
      assert.equal(access.origin_jti, id.origin_jti);
      assert.equal(access.event_id, id.event_id);
      assert.notEqual(access.jti, id.jti);
      assert.equal(access.exp - access.iat, 2 * 3600);
      assert.equal(r.ExpiresIn, 2 * 3600);
    });

    test("a refresh keeps auth_time and origin_jti", async () => {
      const r = await signIn(t, poolId, clientId, "grace");
      t.clock.advance(60_000);
      try {
        const refreshed = await t.publicIdp.send(
          new InitiateAuthCommand({
            ClientId: clientId,
            AuthFlow: "REFRESH_TOKEN_AUTH",
            AuthParameters: { REFRESH_TOKEN: r.RefreshToken! },
          }),
        );
        const before = decode(r.AccessToken!);
        const after = decode(refreshed.AuthenticationResult!.AccessToken!);
        assert.equal(after.auth_time, before.auth_time);
        assert.equal(after.origin_jti, before.origin_jti);
        assert.equal(after.iat, before.iat + 60);
        assert.notEqual(after.jti, before.jti);
        const id = decode(refreshed.AuthenticationResult!.IdToken!);
        assert.equal(id.origin_jti, before.origin_jti);
        // Groups and attributes are read afresh on a refresh (one query with the token).
        assert.deepEqual(after["cognito:groups"], ["admins", "staff"]);
        assert.deepEqual(id["cognito:groups"], ["admins", "staff"]);
        assert.deepEqual(id["cognito:roles"], ["arn:aws:iam::123456789012:role/Admins"]);
        assert.equal(id.email, "grace@example.com");
        assert.equal(id.email_verified, true);
      } finally {
        t.clock.set(new Date());
      }
    });

    test("aws-jwt-verify JwtVerifier verifies every token kind with only the issuer and the JWKS URI", async () => {
      const r = await signIn(t, poolId, clientId, "grace");
      const discovery = (await (
        await fetch(`${t.url}/${poolId}/.well-known/openid-configuration`)
      ).json()) as { issuer: string; jwks_uri: string };
      assert.equal(discovery.issuer, `${t.url}/${poolId}`);
      const idVerifier = JwtVerifier.create(
        { issuer: discovery.issuer, audience: clientId, jwksUri: discovery.jwks_uri },
        { jwksCache: httpJwksCache() },
      );
      const id = await idVerifier.verify(r.IdToken!);
      assert.equal(id["cognito:username"], "grace");
      const accessVerifier = JwtVerifier.create(
        {
          issuer: discovery.issuer,
          audience: null,
          jwksUri: discovery.jwks_uri,
          customJwtCheck: ({ payload }) => assert.equal(payload.token_use, "access"),
        },
        { jwksCache: httpJwksCache() },
      );
      const access = await accessVerifier.verify(r.AccessToken!);
      assert.equal(access.client_id, clientId);
      // A token signed for another pool does not verify.
      const other = await createPoolAndClient(t.idp);
      await permanentUser(t, other.poolId, "heidi", {});
      const foreign = await signIn(t, other.poolId, other.clientId, "heidi");
      await assert.rejects(idVerifier.verify(foreign.IdToken!));
    });

    test("with awsIssuer on, CognitoJwtVerifier verifies tokens once given cognate's JWKS", async () => {
      const aws = await startTestServer({ backend, config: { awsIssuer: true } });
      try {
        const p = await createPoolAndClient(aws.idp);
        await permanentUser(aws, p.poolId, "ivan", { email: "ivan@example.com" });
        const r = await signIn(aws, p.poolId, p.clientId, "ivan");
        assert.equal(decode(r.AccessToken!).iss, `https://cognito-idp.us-east-1.amazonaws.com/${p.poolId}`);
        const jwks = await (await fetch(`${aws.url}/${p.poolId}/.well-known/jwks.json`)).json();
        const verifier = CognitoJwtVerifier.create({
          userPoolId: p.poolId,
          tokenUse: "access",
          clientId: p.clientId,
        });
        verifier.cacheJwks(jwks as never);
        const payload = await verifier.verify(r.AccessToken!);
        assert.equal(payload.username, "ivan");
        const idVerifier = CognitoJwtVerifier.create({
          userPoolId: p.poolId,
          tokenUse: "id",
          clientId: p.clientId,
        });
        idVerifier.cacheJwks(jwks as never);
        assert.equal((await idVerifier.verify(r.IdToken!)).email, "ivan@example.com");
        await assert.rejects(verifier.verify(`${r.AccessToken!.slice(0, -6)}AAAAAA`));
      } finally {
        await aws.close();
      }
    });

    test("JWKS and discovery of an unknown pool answer 404", async () => {
      assert.equal((await fetch(`${t.url}/us-east-1_nonexistent/.well-known/jwks.json`)).status, 404);
      assert.equal(
        (await fetch(`${t.url}/us-east-1_nonexistent/.well-known/openid-configuration`)).status,
        404,
      );
    });
  });
}

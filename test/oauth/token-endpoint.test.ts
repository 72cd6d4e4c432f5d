// POST /oauth2/token (developer guide, "The token endpoint"): grants, client authentication and
// Cognito's error answers, JSON {"error": …}.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { CreateUserPoolDomainCommand } from "@aws-sdk/client-cognito-identity-provider";
import { CognitoJwtVerifier } from "aws-jwt-verify";
import { createPoolAndClient } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";
import {
  basic,
  CALLBACK,
  codeFor,
  confirmedUser,
  createOAuthClient,
  createResourceServer,
  decodeJwt,
  requestWithHost,
  tokenRequest,
} from "./helpers.ts";

const VERIFIER = "a".repeat(20) + "-._~" + "B".repeat(30);
const S256 = createHash("sha256").update(VERIFIER).digest("base64url");

for (const backend of BACKENDS) {
  describe(`token endpoint (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    let publicId: string;
    let confidential: { clientId: string; clientSecret: string };
    let machine: { clientId: string; clientSecret: string };
    before(async () => {
      t = await startTestServer({ backend });
      ({ poolId } = await createPoolAndClient(t.idp));
      await createResourceServer(t.idp, poolId, "https://api.example.com", ["orders.read", "orders.write"]);
      ({ clientId: publicId } = await createOAuthClient(t.idp, poolId));
      const c = await createOAuthClient(t.idp, poolId, { GenerateSecret: true });
      confidential = { clientId: c.clientId, clientSecret: c.clientSecret! };
      const m = await createOAuthClient(t.idp, poolId, {
        ClientName: "machine",
        GenerateSecret: true,
        AllowedOAuthFlows: ["client_credentials"],
        AllowedOAuthScopes: ["https://api.example.com/orders.read", "https://api.example.com/orders.write"],
        CallbackURLs: undefined,
        LogoutURLs: undefined,
      });
      machine = { clientId: m.clientId, clientSecret: m.clientSecret! };
      await confirmedUser(t.idp, poolId, "bob", { email: "bob@example.com" });
      await t.idp.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: `bob-${backend}` }));
    });
    after(() => t.close());

    test("the seed's curl request: authorization_code for a public client, form body, no secret", async () => {
      const code = await codeFor(t.url, poolId, publicId, "bob", { scope: "openid email" });
      const r = await tokenRequest(t.url, poolId, {
        grant_type: "authorization_code",
        client_id: publicId,
        code,
        redirect_uri: CALLBACK,
      });
      assert.equal(r.status, 200);
      assert.deepEqual(Object.keys(r.json), [
        "id_token",
        "access_token",
        "refresh_token",
        "expires_in",
        "token_type",
      ]);
      assert.equal(r.json.token_type, "Bearer");
      assert.equal(r.headers.get("cache-control"), "no-store");
      assert.equal(decodeJwt(r.json.id_token).email, "bob@example.com");
    });

    test("the same request on the pool's domain, by Host header", async () => {
      const code = await codeFor(t.url, poolId, publicId, "bob", { scope: "openid" });
      const r = await requestWithHost(
        t.url,
        `bob-${backend}.auth.us-east-1.amazoncognito.com`,
        "/oauth2/token",
        {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: `grant_type=authorization_code&client_id=${publicId}&code=${code}&redirect_uri=${encodeURIComponent(CALLBACK)}`,
        },
      );
      assert.equal(r.status, 200, r.body);
      assert.ok(JSON.parse(r.body).access_token);
      const unknown = await requestWithHost(
        t.url,
        "nobody.auth.us-east-1.amazoncognito.com",
        "/oauth2/token",
        { method: "POST" },
      );
      assert.equal(unknown.status, 404);
    });

    test("a code works once: the second redemption is invalid_grant", async () => {
      const code = await codeFor(t.url, poolId, publicId, "bob", { scope: "openid" });
      const form = { grant_type: "authorization_code", client_id: publicId, code, redirect_uri: CALLBACK };
      assert.equal((await tokenRequest(t.url, poolId, form)).status, 200);
      const again = await tokenRequest(t.url, poolId, form);
      assert.deepEqual([again.status, again.json], [400, { error: "invalid_grant" }]);
    });

    test("the redirect_uri must be the authorization request's", async () => {
      const code = await codeFor(t.url, poolId, publicId, "bob", { scope: "openid" });
      const r = await tokenRequest(t.url, poolId, {
        grant_type: "authorization_code",
        client_id: publicId,
        code,
        redirect_uri: "https://app.example.com/other",
      });
      assert.deepEqual([r.status, r.json], [400, { error: "invalid_grant" }]);
      const missing = await tokenRequest(t.url, poolId, {
        grant_type: "authorization_code",
        client_id: publicId,
        code,
      });
      assert.deepEqual([missing.status, missing.json], [400, { error: "invalid_request" }]);
    });

    test("PKCE (S256 only, as Cognito: developer guide, Using PKCE): a wrong or missing verifier is invalid_grant; the right one works", async () => {
      const exchange = (code: string, verifier?: string) =>
        tokenRequest(t.url, poolId, {
          grant_type: "authorization_code",
          client_id: publicId,
          code,
          redirect_uri: CALLBACK,
          ...(verifier ? { code_verifier: verifier } : {}),
        });
      const wrong = await exchange(
        await codeFor(t.url, poolId, publicId, "bob", {
          code_challenge: S256,
          code_challenge_method: "S256",
        }),
        `${VERIFIER}x`,
      );
      assert.deepEqual([wrong.status, wrong.json], [400, { error: "invalid_grant" }]);
      const none = await exchange(
        await codeFor(t.url, poolId, publicId, "bob", {
          code_challenge: S256,
          code_challenge_method: "S256",
        }),
      );
      assert.deepEqual([none.status, none.json], [400, { error: "invalid_grant" }]);
      const right = await exchange(
        await codeFor(t.url, poolId, publicId, "bob", {
          code_challenge: S256,
          code_challenge_method: "S256",
        }),
        VERIFIER,
      );
      assert.equal(right.status, 200);
      // A challenge without a method is taken as S256: the verifier itself does not match it.
      const noMethod = await codeFor(t.url, poolId, publicId, "bob", { code_challenge: S256 });
      assert.equal((await exchange(noMethod, VERIFIER)).status, 200);
      const asPlain = await exchange(
        await codeFor(t.url, poolId, publicId, "bob", { code_challenge: VERIFIER }),
        VERIFIER,
      );
      assert.deepEqual([asPlain.status, asPlain.json], [400, { error: "invalid_grant" }]);
    });

    test("a code is bound to its client and lives five minutes", async () => {
      const code = await codeFor(t.url, poolId, publicId, "bob");
      const other = await tokenRequest(
        t.url,
        poolId,
        { grant_type: "authorization_code", code, redirect_uri: CALLBACK },
        basic(confidential.clientId, confidential.clientSecret),
      );
      assert.deepEqual([other.status, other.json], [400, { error: "invalid_grant" }]);
      const late = await codeFor(t.url, poolId, publicId, "bob");
      t.clock.advance(5 * 60_000 + 1000);
      try {
        const r = await tokenRequest(t.url, poolId, {
          grant_type: "authorization_code",
          client_id: publicId,
          code: late,
          redirect_uri: CALLBACK,
        });
        assert.deepEqual([r.status, r.json], [400, { error: "invalid_grant" }]);
      } finally {
        t.clock.set(new Date());
      }
    });

    test("confidential clients: HTTP Basic or client_secret in the body; a wrong secret is invalid_client (401 with Basic)", async () => {
      const code = await codeFor(t.url, poolId, confidential.clientId, "bob", { scope: "openid" });
      const viaBasic = await tokenRequest(
        t.url,
        poolId,
        { grant_type: "authorization_code", code, redirect_uri: CALLBACK },
        basic(confidential.clientId, confidential.clientSecret),
      );
      assert.equal(viaBasic.status, 200);
      const viaBody = await tokenRequest(t.url, poolId, {
        grant_type: "refresh_token",
        client_id: confidential.clientId,
        client_secret: confidential.clientSecret,
        refresh_token: viaBasic.json.refresh_token,
      });
      assert.equal(viaBody.status, 200);
      assert.equal(viaBody.json.refresh_token, undefined);

      const wrongBasic = await tokenRequest(
        t.url,
        poolId,
        { grant_type: "refresh_token", refresh_token: viaBasic.json.refresh_token },
        basic(confidential.clientId, "not-the-secret"),
      );
      assert.deepEqual([wrongBasic.status, wrongBasic.json], [401, { error: "invalid_client" }]);
      assert.match(wrongBasic.headers.get("www-authenticate") ?? "", /^Basic/);
      const wrongBody = await tokenRequest(t.url, poolId, {
        grant_type: "refresh_token",
        client_id: confidential.clientId,
        client_secret: "not-the-secret",
        refresh_token: viaBasic.json.refresh_token,
      });
      assert.deepEqual([wrongBody.status, wrongBody.json], [400, { error: "invalid_client" }]);
      const noSecret = await tokenRequest(t.url, poolId, {
        grant_type: "refresh_token",
        client_id: confidential.clientId,
        refresh_token: viaBasic.json.refresh_token,
      });
      assert.deepEqual([noSecret.status, noSecret.json], [400, { error: "invalid_client" }]);
      const unknown = await tokenRequest(t.url, poolId, {
        grant_type: "refresh_token",
        client_id: "nosuchclient",
        refresh_token: "x",
      });
      assert.deepEqual([unknown.status, unknown.json], [400, { error: "invalid_client" }]);
    });

    test("refresh_token with the client's rotation on: a new refresh token each time, the old one refused (developer guide, Refresh tokens)", async () => {
      const { clientId } = await createOAuthClient(t.idp, poolId, {
        RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 0 },
      });
      const first = await tokenRequest(t.url, poolId, {
        grant_type: "authorization_code",
        client_id: clientId,
        code: await codeFor(t.url, poolId, clientId, "bob", { scope: "openid" }),
        redirect_uri: CALLBACK,
      });
      assert.equal(first.status, 200);
      const refresh = (refresh_token: string) =>
        tokenRequest(t.url, poolId, { grant_type: "refresh_token", client_id: clientId, refresh_token });
      const second = await refresh(first.json.refresh_token);
      assert.equal(second.status, 200);
      assert.ok(second.json.refresh_token);
      assert.notEqual(second.json.refresh_token, first.json.refresh_token);
      assert.ok(second.json.id_token, "openid was granted, so an ID token comes back");
      assert.equal(decodeJwt(second.json.id_token).auth_time, decodeJwt(first.json.id_token).auth_time);
      const reused = await refresh(first.json.refresh_token);
      assert.deepEqual([reused.status, reused.json], [400, { error: "invalid_grant" }]);
      const third = await refresh(second.json.refresh_token);
      assert.equal(third.status, 200);
      assert.ok(third.json.refresh_token);
    });

    test("client_credentials: resource-server scopes only, an access token only, sub is the client id", async () => {
      const r = await tokenRequest(
        t.url,
        poolId,
        { grant_type: "client_credentials", scope: "https://api.example.com/orders.read" },
        basic(machine.clientId, machine.clientSecret),
      );
      assert.equal(r.status, 200);
      assert.deepEqual(Object.keys(r.json), ["access_token", "expires_in", "token_type"]);
      const claims = decodeJwt(r.json.access_token);
      assert.equal(claims.sub, machine.clientId);
      assert.equal(claims.client_id, machine.clientId);
      assert.equal(claims.scope, "https://api.example.com/orders.read");
      assert.equal(claims.token_use, "access");
      assert.equal(claims.username, undefined);

      // Without a scope parameter, every custom scope the client allows.
      const all = await tokenRequest(t.url, poolId, {
        grant_type: "client_credentials",
        client_id: machine.clientId,
        client_secret: machine.clientSecret,
      });
      assert.equal(
        decodeJwt(all.json.access_token).scope,
        "https://api.example.com/orders.read https://api.example.com/orders.write",
      );

      const openid = await tokenRequest(
        t.url,
        poolId,
        { grant_type: "client_credentials", scope: "openid" },
        basic(machine.clientId, machine.clientSecret),
      );
      assert.deepEqual([openid.status, openid.json], [400, { error: "invalid_scope" }]);
      const unknownScope = await tokenRequest(
        t.url,
        poolId,
        { grant_type: "client_credentials", scope: "https://api.example.com/admin" },
        basic(machine.clientId, machine.clientSecret),
      );
      assert.deepEqual([unknownScope.status, unknownScope.json], [400, { error: "invalid_scope" }]);
    });

    test("a client_credentials token verifies with aws-jwt-verify's CognitoJwtVerifier (awsIssuer on)", async () => {
      const aws = await startTestServer({ backend, config: { awsIssuer: true } });
      try {
        const { poolId: p } = await createPoolAndClient(aws.idp);
        await createResourceServer(aws.idp, p, "reports", ["read"]);
        const m = await createOAuthClient(aws.idp, p, {
          GenerateSecret: true,
          AllowedOAuthFlows: ["client_credentials"],
          AllowedOAuthScopes: ["reports/read"],
        });
        const r = await tokenRequest(
          aws.url,
          p,
          { grant_type: "client_credentials" },
          basic(m.clientId, m.clientSecret!),
        );
        const verifier = CognitoJwtVerifier.create({
          userPoolId: p,
          tokenUse: "access",
          clientId: m.clientId,
          scope: "reports/read",
        });
        verifier.cacheJwks((await (await fetch(`${aws.url}/${p}/.well-known/jwks.json`)).json()) as never);
        assert.equal((await verifier.verify(r.json.access_token)).sub, m.clientId);
      } finally {
        await aws.close();
      }
    });

    test("flows the client does not allow are unauthorized_client", async () => {
      const publicCc = await tokenRequest(t.url, poolId, {
        grant_type: "client_credentials",
        client_id: publicId,
      });
      assert.deepEqual([publicCc.status, publicCc.json], [400, { error: "unauthorized_client" }]);
      const secretCc = await tokenRequest(
        t.url,
        poolId,
        { grant_type: "client_credentials" },
        basic(confidential.clientId, confidential.clientSecret),
      );
      assert.deepEqual([secretCc.status, secretCc.json], [400, { error: "unauthorized_client" }]);
      const machineCode = await tokenRequest(
        t.url,
        poolId,
        { grant_type: "authorization_code", code: "x", redirect_uri: CALLBACK },
        basic(machine.clientId, machine.clientSecret),
      );
      assert.deepEqual([machineCode.status, machineCode.json], [400, { error: "unauthorized_client" }]);
      const { clientId: disabled } = await createOAuthClient(t.idp, poolId, {
        AllowedOAuthFlowsUserPoolClient: false,
      });
      const r = await tokenRequest(t.url, poolId, {
        grant_type: "authorization_code",
        client_id: disabled,
        code: "x",
        redirect_uri: CALLBACK,
      });
      assert.deepEqual([r.status, r.json], [400, { error: "unauthorized_client" }]);
    });

    test("malformed requests: unknown grant, missing grant, wrong content type, repeated parameter, GET", async () => {
      const unsupported = await tokenRequest(t.url, poolId, { grant_type: "password", client_id: publicId });
      assert.deepEqual([unsupported.status, unsupported.json], [400, { error: "unsupported_grant_type" }]);
      const missing = await tokenRequest(t.url, poolId, { client_id: publicId });
      assert.deepEqual([missing.status, missing.json], [400, { error: "invalid_request" }]);
      const json = await fetch(`${t.url}/${poolId}/oauth2/token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      assert.deepEqual([json.status, await json.json()], [400, { error: "invalid_request" }]);
      const repeated = await fetch(`${t.url}/${poolId}/oauth2/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "grant_type=refresh_token&grant_type=client_credentials",
      });
      assert.deepEqual([repeated.status, await repeated.json()], [400, { error: "invalid_request" }]);
      const get = await fetch(`${t.url}/${poolId}/oauth2/token`);
      assert.equal(get.status, 405);
      const noPool = await tokenRequest(t.url, "us-east-1_nothere", { grant_type: "client_credentials" });
      assert.equal(noPool.status, 404);
    });
  });
}

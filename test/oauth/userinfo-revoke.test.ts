// /oauth2/userInfo and /oauth2/revoke (developer guide, "The user attributes endpoint", "The revoke
// endpoint"): which tokens they accept and what they answer otherwise.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { InitiateAuthCommand, UpdateUserPoolClientCommand } from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, GOOD_PASSWORD } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";
import { basic, CALLBACK, codeFor, confirmedUser, createOAuthClient, tokenRequest } from "./helpers.ts";

for (const backend of BACKENDS) {
  describe(`userInfo and revoke (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    let apiClientId: string;
    let webClientId: string;
    let secretClient: { clientId: string; clientSecret: string };
    const userInfo = (token?: string, method = "GET") =>
      fetch(`${t.url}/${poolId}/oauth2/userInfo`, {
        method,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    const revoke = (form: Record<string, string>, headers: Record<string, string> = {}) =>
      fetch(`${t.url}/${poolId}/oauth2/revoke`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
        body: new URLSearchParams(form),
      });
    const tokensFor = async (clientId: string, scope: string, auth: Record<string, string> = {}) => {
      const code = await codeFor(t.url, poolId, clientId, "gina", { scope });
      const r = await tokenRequest(
        t.url,
        poolId,
        {
          grant_type: "authorization_code",
          code,
          redirect_uri: CALLBACK,
          ...(auth.authorization ? {} : { client_id: clientId }),
        },
        auth,
      );
      assert.equal(r.status, 200);
      return r.json as { access_token: string; refresh_token: string; id_token?: string };
    };
    before(async () => {
      t = await startTestServer({ backend });
      ({ poolId, clientId: apiClientId } = await createPoolAndClient(t.idp, {
        Schema: [{ Name: "team", AttributeDataType: "String", Mutable: true }],
      }));
      ({ clientId: webClientId } = await createOAuthClient(t.idp, poolId, {
        AllowedOAuthScopes: ["openid", "email", "phone", "profile"],
      }));
      const s = await createOAuthClient(t.idp, poolId, { GenerateSecret: true });
      secretClient = { clientId: s.clientId, clientSecret: s.clientSecret! };
      await confirmedUser(t.idp, poolId, "gina", {
        email: "gina@example.com",
        phone_number: "+15555550123",
        name: "Gina",
        "custom:team": "red",
      });
    });
    after(() => t.close());

    test("openid alone returns every readable attribute; POST works like GET", async () => {
      const { access_token } = await tokensFor(webClientId, "openid");
      for (const method of ["GET", "POST"]) {
        const r = await userInfo(access_token, method);
        assert.equal(r.status, 200);
        const body = (await r.json()) as Record<string, string>;
        assert.equal(body.email, "gina@example.com");
        assert.equal(body.phone_number, "+15555550123");
        assert.equal(body.name, "Gina");
        assert.equal(body["custom:team"], "red");
        assert.equal(body.username, "gina");
        assert.match(body.sub!, /^[0-9a-f-]{36}$/);
      }
    });

    test("openid phone returns the phone claims, not the email or profile", async () => {
      const { access_token } = await tokensFor(webClientId, "openid phone");
      const body = (await (await userInfo(access_token)).json()) as Record<string, string>;
      assert.equal(body.phone_number, "+15555550123");
      assert.equal(body.email, undefined);
      assert.equal(body.name, undefined);
      assert.equal(body.username, "gina");
    });

    test("tokens without openid, API tokens and missing or bad tokens are refused with 401", async () => {
      const { access_token } = await tokensFor(webClientId, "email");
      const noOpenid = await userInfo(access_token);
      assert.equal(noOpenid.status, 401);
      assert.deepEqual(await noOpenid.json(), { error: "invalid_token" });
      assert.match(noOpenid.headers.get("www-authenticate") ?? "", /^Bearer error="invalid_token"/);

      const api = await t.publicIdp.send(
        new InitiateAuthCommand({
          ClientId: apiClientId,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: "gina", PASSWORD: GOOD_PASSWORD },
        }),
      );
      assert.equal((await userInfo(api.AuthenticationResult!.AccessToken!)).status, 401);
      const missing = await userInfo();
      assert.equal(missing.status, 401);
      assert.deepEqual(await missing.json(), { error: "invalid_request" });
      assert.equal((await userInfo("not.a.token")).status, 401);
    });

    test("revoke: a refresh token and its access tokens stop working; unknown tokens answer 200", async () => {
      const t1 = await tokensFor(webClientId, "openid");
      const r = await revoke({ token: t1.refresh_token, client_id: webClientId });
      assert.equal(r.status, 200);
      assert.equal((await userInfo(t1.access_token)).status, 401);
      const refresh = await tokenRequest(t.url, poolId, {
        grant_type: "refresh_token",
        client_id: webClientId,
        refresh_token: t1.refresh_token,
      });
      assert.deepEqual([refresh.status, refresh.json], [400, { error: "invalid_grant" }]);
      assert.equal((await revoke({ token: "never-issued", client_id: webClientId })).status, 200);
    });

    test("revoke: another client's token is left alone; a confidential client must authenticate", async () => {
      const t1 = await tokensFor(
        secretClient.clientId,
        "openid",
        basic(secretClient.clientId, secretClient.clientSecret),
      );
      assert.equal((await revoke({ token: t1.refresh_token, client_id: webClientId })).status, 200);
      assert.equal(
        (await userInfo(t1.access_token)).status,
        200,
        "still valid: the token belongs to another client",
      );
      const wrong = await revoke({ token: t1.refresh_token }, basic(secretClient.clientId, "wrong"));
      assert.equal(wrong.status, 401);
      assert.deepEqual(await wrong.json(), { error: "invalid_client" });
      assert.equal(
        (await revoke({ token: t1.refresh_token }, basic(secretClient.clientId, secretClient.clientSecret)))
          .status,
        200,
      );
      assert.equal((await userInfo(t1.access_token)).status, 401);
    });

    test("revoke: only refresh tokens, a token is required, and revocation must be on for the client", async () => {
      const t1 = await tokensFor(webClientId, "openid");
      const jwt = await revoke({ token: t1.access_token, client_id: webClientId });
      assert.deepEqual([jwt.status, await jwt.json()], [400, { error: "unsupported_token_type" }]);
      const none = await revoke({ client_id: webClientId });
      assert.deepEqual([none.status, await none.json()], [400, { error: "invalid_request" }]);
      await t.idp.send(
        new UpdateUserPoolClientCommand({
          UserPoolId: poolId,
          ClientId: webClientId,
          EnableTokenRevocation: false,
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ["code"],
          AllowedOAuthScopes: ["openid"],
          CallbackURLs: [CALLBACK],
        }),
      );
      const off = await revoke({ token: t1.refresh_token, client_id: webClientId });
      assert.deepEqual([off.status, await off.json()], [400, { error: "unauthorized_client" }]);
    });
  });
}

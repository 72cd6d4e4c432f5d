// The authorization-code flow with PKCE through the hosted sign-in page, driven by openid-client v6
// against the discovery document, then refresh and revocation (developer guide: "The authorize
// endpoint", "The token endpoint", "The revoke endpoint", "The user attributes endpoint").
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { GetUserCommand } from "@aws-sdk/client-cognito-identity-provider";
import { JwtVerifier } from "aws-jwt-verify";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import * as oidc from "openid-client";
import { createPoolAndClient } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";
import {
  CALLBACK,
  CookieJar,
  confirmedUser,
  createOAuthClient,
  decodeJwt,
  signInThroughHostedUi,
} from "./helpers.ts";

// aws-jwt-verify's own fetcher speaks only https (see test/user-pools/tokens.test.ts).
const httpJwksCache = () =>
  new SimpleJwksCache({ fetcher: { fetch: async (uri: string) => (await fetch(uri)).arrayBuffer() } });

for (const backend of BACKENDS) {
  describe(`authorization code flow (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    let clientId: string;
    let config: oidc.Configuration;
    before(async () => {
      t = await startTestServer({ backend });
      ({ poolId } = await createPoolAndClient(t.idp));
      ({ clientId } = await createOAuthClient(t.idp, poolId));
      await confirmedUser(t.idp, poolId, "alice", {
        email: "alice@example.com",
        email_verified: "true",
        name: "Alice",
        phone_number: "+15555550100",
      });
      // openid-client refuses http unless told; a real deployment sits behind TLS.
      config = await oidc.discovery(new URL(`${t.url}/${poolId}`), clientId, undefined, oidc.None(), {
        execute: [oidc.allowInsecureRequests],
      });
    });
    after(() => t.close());

    test("the discovery document lists Cognito's endpoints under the path-per-pool base", async () => {
      const m = config.serverMetadata();
      assert.equal(m.issuer, `${t.url}/${poolId}`);
      assert.equal(m.authorization_endpoint, `${t.url}/${poolId}/oauth2/authorize`);
      assert.equal(m.token_endpoint, `${t.url}/${poolId}/oauth2/token`);
      assert.equal(m.userinfo_endpoint, `${t.url}/${poolId}/oauth2/userInfo`);
      assert.equal(m.revocation_endpoint, `${t.url}/${poolId}/oauth2/revoke`);
      assert.equal(m.end_session_endpoint, `${t.url}/${poolId}/logout`);
      assert.deepEqual(m.scopes_supported, ["openid", "email", "phone", "profile"]);
      assert.deepEqual(m.response_types_supported, ["code", "token"]);
      assert.ok(m.grant_types_supported?.includes("client_credentials"));
    });

    test("sign in with PKCE S256, exchange the code, verify the tokens, read userInfo, refresh, revoke", async () => {
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: CALLBACK,
        scope: "openid email profile",
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: "S256",
        state,
        nonce,
      });
      const callback = await signInThroughHostedUi(new CookieJar(), url, "alice");
      assert.equal(`${callback.origin}${callback.pathname}`, CALLBACK);
      assert.match(callback.searchParams.get("code") ?? "", /^[0-9a-f-]{36}$/);

      const tokens = await oidc.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: verifier,
        expectedState: state,
        expectedNonce: nonce,
      });
      assert.equal(tokens.token_type.toLowerCase(), "bearer");
      assert.equal(tokens.expires_in, 3600);
      assert.ok(tokens.refresh_token);
      const id = tokens.claims()!;
      assert.equal(id.aud, clientId);
      assert.equal(id.nonce, nonce);
      assert.equal(id.email, "alice@example.com");
      assert.equal(id["cognito:username"], "alice");
      const access = decodeJwt(tokens.access_token);
      assert.equal(access.scope, "openid email profile");
      assert.equal(access.username, "alice");
      assert.equal(access.sub, id.sub);
      assert.equal(access.auth_time, id.auth_time);

      // aws-jwt-verify, with only what the discovery document says.
      const m = config.serverMetadata();
      const idVerifier = JwtVerifier.create(
        { issuer: m.issuer, audience: clientId, jwksUri: m.jwks_uri! },
        { jwksCache: httpJwksCache() },
      );
      assert.equal((await idVerifier.verify(tokens.id_token!)).sub, id.sub);
      const accessVerifier = JwtVerifier.create(
        { issuer: m.issuer, audience: null, jwksUri: m.jwks_uri! },
        { jwksCache: httpJwksCache() },
      );
      assert.equal((await accessVerifier.verify(tokens.access_token)).client_id, clientId);

      // openid + email + profile: the email and profile claims, not the phone number.
      const info = await oidc.fetchUserInfo(config, tokens.access_token, id.sub);
      assert.equal(info.email, "alice@example.com");
      assert.equal(info.email_verified, "true", "Cognito's userInfo answers attribute strings");
      assert.equal(info.name, "Alice");
      assert.equal(info.username, "alice");
      assert.equal(info.phone_number, undefined);

      const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
      assert.equal(refreshed.refresh_token, undefined, "no refresh-token rotation");
      assert.equal(decodeJwt(refreshed.access_token).scope, "openid email profile");
      assert.equal(decodeJwt(refreshed.access_token).origin_jti, access.origin_jti);
      assert.equal(refreshed.claims()?.auth_time, id.auth_time);

      await oidc.tokenRevocation(config, tokens.refresh_token!);
      await assert.rejects(
        oidc.refreshTokenGrant(config, tokens.refresh_token!),
        (e: oidc.ResponseBodyError) => e.error === "invalid_grant",
      );
      await assert.rejects(oidc.fetchUserInfo(config, refreshed.access_token, id.sub));
    });

    test("a second authorize in the same browser skips the sign-in page; the code carries aws.cognito.signin.user.admin to the API", async () => {
      const jar = new CookieJar();
      const first = oidc.buildAuthorizationUrl(config, {
        redirect_uri: CALLBACK,
        scope: "openid",
        state: "s1",
      });
      await signInThroughHostedUi(jar, first, "alice");
      assert.ok(jar.cookies.has("cognito"), "the hosted-UI session cookie is set");

      const verifier = oidc.randomPKCECodeVerifier();
      const second = oidc.buildAuthorizationUrl(config, {
        redirect_uri: CALLBACK,
        scope: "openid aws.cognito.signin.user.admin",
        state: "s2",
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: "S256",
      });
      const res = await fetch(second, { headers: { cookie: jar.header() }, redirect: "manual" });
      assert.equal(res.status, 302);
      const callback = new URL(res.headers.get("location")!);
      assert.equal(callback.searchParams.get("state"), "s2");
      const tokens = await oidc.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: verifier,
        expectedState: "s2",
      });
      const me = await t.publicIdp.send(new GetUserCommand({ AccessToken: tokens.access_token }));
      assert.equal(me.Username, "alice");
    });

    test("the implicit flow answers tokens in the fragment, and no refresh token", async () => {
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: CALLBACK,
        response_type: "token",
        scope: "openid email",
        state: "imp",
        nonce: "n-1",
      });
      const callback = await signInThroughHostedUi(new CookieJar(), url, "alice");
      assert.equal(callback.search, "");
      const fragment = new URLSearchParams(callback.hash.slice(1));
      assert.equal(fragment.get("state"), "imp");
      assert.equal(fragment.get("token_type"), "Bearer");
      assert.equal(fragment.get("expires_in"), "3600");
      assert.equal(decodeJwt(fragment.get("id_token")!).nonce, "n-1");
      assert.equal(decodeJwt(fragment.get("access_token")!).scope, "openid email");
      assert.equal(fragment.get("refresh_token"), null);
    });
  });
}

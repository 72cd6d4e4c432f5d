// GET /oauth2/authorize (developer guide, "The authorize endpoint"; RFC 6749 §4.1.2.1): an unknown
// client or an unregistered redirect_uri shows an error page; every other error goes back to the
// client with error and state.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createPoolAndClient } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";
import { CALLBACK, CookieJar, confirmedUser, createOAuthClient, signInThroughHostedUi } from "./helpers.ts";

for (const backend of BACKENDS) {
  describe(`authorize endpoint (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    let clientId: string;
    const authorize = (params: Record<string, string>, headers: Record<string, string> = {}) => {
      const url = new URL(`${t.url}/${poolId}/oauth2/authorize`);
      for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
      return fetch(url, { redirect: "manual", headers });
    };
    const errorOf = (res: Response) => {
      assert.equal(res.status, 302);
      const loc = new URL(res.headers.get("location")!);
      assert.equal(`${loc.origin}${loc.pathname}`, CALLBACK);
      return { error: loc.searchParams.get("error"), state: loc.searchParams.get("state") };
    };
    before(async () => {
      t = await startTestServer({ backend });
      ({ poolId } = await createPoolAndClient(t.idp));
      ({ clientId } = await createOAuthClient(t.idp, poolId, { AllowedOAuthFlows: ["code"] }));
      await confirmedUser(t.idp, poolId, "carol");
    });
    after(() => t.close());

    test("without a session the browser goes to the sign-in page with the same parameters", async () => {
      const res = await authorize({
        response_type: "code",
        client_id: clientId,
        redirect_uri: CALLBACK,
        state: "xyz",
        scope: "openid",
      });
      assert.equal(res.status, 302);
      const loc = new URL(res.headers.get("location")!, t.url);
      assert.equal(loc.pathname, `/${poolId}/login`);
      assert.equal(loc.searchParams.get("state"), "xyz");
      assert.equal(loc.searchParams.get("client_id"), clientId);
    });

    test("an unknown client or an unregistered redirect_uri shows an error page, never a redirect", async () => {
      const unknown = await authorize({
        response_type: "code",
        client_id: "nosuchclient",
        redirect_uri: CALLBACK,
      });
      assert.equal(unknown.status, 400);
      assert.match(unknown.headers.get("content-type") ?? "", /^text\/html/);
      assert.match(await unknown.text(), /not known to this user pool/);
      const mismatch = await authorize({
        response_type: "code",
        client_id: clientId,
        redirect_uri: "https://evil.example.com/cb",
      });
      assert.equal(mismatch.status, 400);
      assert.match(await mismatch.text(), /redirect_mismatch/);
      // Exact match: a trailing slash is another URL.
      assert.equal(
        (await authorize({ response_type: "code", client_id: clientId, redirect_uri: `${CALLBACK}/` }))
          .status,
        400,
      );
      const missing = await authorize({ response_type: "code", client_id: clientId });
      assert.equal(missing.status, 400);
      const { poolId: otherPool } = await createPoolAndClient(t.idp);
      const { clientId: foreign } = await createOAuthClient(t.idp, otherPool);
      assert.equal(
        (await authorize({ response_type: "code", client_id: foreign, redirect_uri: CALLBACK })).status,
        400,
      );
    });

    test("other errors are redirected to the client with error and state", async () => {
      const base = { client_id: clientId, redirect_uri: CALLBACK, state: "s-1" };
      assert.deepEqual(errorOf(await authorize(base)), { error: "invalid_request", state: "s-1" });
      assert.deepEqual(errorOf(await authorize({ ...base, response_type: "id_token" })), {
        error: "unsupported_response_type",
        state: "s-1",
      });
      assert.deepEqual(errorOf(await authorize({ ...base, response_type: "code", scope: "openid phone" })), {
        error: "invalid_scope",
        state: "s-1",
      });
      assert.deepEqual(
        errorOf(
          await authorize({
            ...base,
            response_type: "code",
            code_challenge: "abc",
            code_challenge_method: "S512",
          }),
        ),
        {
          error: "invalid_request",
          state: "s-1",
        },
      );
      // Cognito supports only S256 (developer guide, "Using PKCE in authorization code grants").
      assert.deepEqual(
        errorOf(
          await authorize({
            ...base,
            response_type: "code",
            code_challenge: "a".repeat(43),
            code_challenge_method: "plain",
          }),
        ),
        { error: "invalid_request", state: "s-1" },
      );
      assert.deepEqual(
        errorOf(await authorize({ ...base, response_type: "code", identity_provider: "Google" })),
        { error: "invalid_request", state: "s-1" },
      );
      assert.deepEqual(errorOf(await authorize({ ...base, response_type: "code", prompt: "none" })), {
        error: "login_required",
        state: "s-1",
      });
    });

    test("a flow the client does not allow is unauthorized_client (implicit here; the fragment carries it)", async () => {
      const res = await authorize({
        response_type: "token",
        client_id: clientId,
        redirect_uri: CALLBACK,
        state: "s-2",
      });
      assert.equal(res.status, 302);
      const loc = new URL(res.headers.get("location")!);
      const fragment = new URLSearchParams(loc.hash.slice(1));
      assert.equal(fragment.get("error"), "unauthorized_client");
      assert.equal(fragment.get("state"), "s-2");
      const { clientId: off } = await createOAuthClient(t.idp, poolId, {
        AllowedOAuthFlowsUserPoolClient: false,
      });
      assert.equal(
        errorOf(await authorize({ response_type: "code", client_id: off, redirect_uri: CALLBACK })).error,
        "unauthorized_client",
      );
    });

    test("prompt=login shows the sign-in page even with a session; prompt=none with a session answers a code", async () => {
      const jar = new CookieJar();
      const params = { response_type: "code", client_id: clientId, redirect_uri: CALLBACK, state: "p" };
      const url = new URL(`${t.url}/${poolId}/oauth2/authorize?${new URLSearchParams(params)}`);
      await signInThroughHostedUi(jar, url, "carol");
      const none = await authorize({ ...params, prompt: "none" }, { cookie: jar.header() });
      assert.ok(new URL(none.headers.get("location")!).searchParams.get("code"));
      const login = await authorize({ ...params, prompt: "login" }, { cookie: jar.header() });
      assert.equal(new URL(login.headers.get("location")!, t.url).pathname, `/${poolId}/login`);
    });

    test("a session of one pool does not sign the browser in to another pool", async () => {
      const jar = new CookieJar();
      const url = new URL(
        `${t.url}/${poolId}/oauth2/authorize?${new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: CALLBACK })}`,
      );
      await signInThroughHostedUi(jar, url, "carol");
      const { poolId: other } = await createPoolAndClient(t.idp);
      const { clientId: otherClient } = await createOAuthClient(t.idp, other);
      const res = await fetch(
        `${t.url}/${other}/oauth2/authorize?${new URLSearchParams({ response_type: "code", client_id: otherClient, redirect_uri: CALLBACK })}`,
        {
          headers: { cookie: jar.header() },
          redirect: "manual",
        },
      );
      assert.equal(new URL(res.headers.get("location")!, t.url).pathname, `/${other}/login`);
    });
  });
}

// The hosted sign-in pages: CSRF, Cognito's sign-in errors, the NEW_PASSWORD_REQUIRED page, the
// session cookie, /logout (developer guide, "The logout endpoint") and domain routing by Host.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AdminDisableUserCommand,
  AdminGetUserCommand,
  CreateUserPoolDomainCommand,
  DescribeUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, createUser, GOOD_PASSWORD } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";
import {
  browse,
  CALLBACK,
  CookieJar,
  confirmedUser,
  createOAuthClient,
  csrfOf,
  LOGOUT,
  locationOf,
  requestWithHost,
  signInThroughHostedUi,
} from "./helpers.ts";

for (const backend of BACKENDS) {
  describe(`hosted sign-in pages (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    let clientId: string;
    let loginUrl: URL;
    let authorizeUrl: URL;
    const post = (jar: CookieJar, form: Record<string, string>) =>
      browse(jar, loginUrl, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(form),
      });
    const openLogin = async (jar: CookieJar) => {
      const page = await browse(jar, loginUrl);
      assert.equal(page.status, 200);
      return csrfOf(await page.text());
    };
    before(async () => {
      t = await startTestServer({ backend });
      ({ poolId } = await createPoolAndClient(t.idp, {
        Schema: [{ Name: "name", AttributeDataType: "String", Mutable: true, Required: true }],
      }));
      // A client with a secret and no ExplicitAuthFlows for passwords: the hosted UI signs in anyway.
      ({ clientId } = await createOAuthClient(t.idp, poolId, {
        GenerateSecret: true,
        ExplicitAuthFlows: ["ALLOW_REFRESH_TOKEN_AUTH"],
      }));
      await confirmedUser(t.idp, poolId, "dave", { name: "Dave" });
      const params = new URLSearchParams({
        response_type: "code",
        client_id: clientId,
        redirect_uri: CALLBACK,
        state: "st-1",
        scope: "openid",
      });
      loginUrl = new URL(`${t.url}/${poolId}/login?${params}`);
      authorizeUrl = new URL(`${t.url}/${poolId}/oauth2/authorize?${params}`);
    });
    after(() => t.close());

    test("the sign-in page: a labelled form, a CSRF field and cookie, no scripts, not frameable", async () => {
      const jar = new CookieJar();
      const page = await browse(jar, loginUrl);
      const html = await page.text();
      assert.match(html, /^<!doctype html>/);
      assert.match(html, /<label for="username">/);
      assert.match(
        html,
        /<input type="password" id="password" name="password" autocomplete="current-password"/,
      );
      assert.doesNotMatch(html, /<script/i);
      assert.ok(jar.cookies.get("XSRF-TOKEN"));
      assert.match(page.headers.get("content-security-policy") ?? "", /default-src 'none'/);
      assert.equal(page.headers.get("x-frame-options"), "DENY");
      const cookie = page.headers.getSetCookie().find((c) => c.startsWith("XSRF-TOKEN="))!;
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Lax/);
      assert.match(cookie, new RegExp(`Path=/${poolId}`));
    });

    test("a POST without the CSRF cookie or with a wrong token is refused with 403", async () => {
      const jar = new CookieJar();
      const csrf = await openLogin(jar);
      const wrong = await post(jar, { _csrf: `${csrf}x`, username: "dave", password: GOOD_PASSWORD });
      assert.equal(wrong.status, 403);
      assert.match(await wrong.text(), /expired/);
      const noCookie = await post(new CookieJar(), {
        _csrf: csrf,
        username: "dave",
        password: GOOD_PASSWORD,
      });
      assert.equal(noCookie.status, 403);
    });

    test("a wrong password or unknown user shows Cognito's message, without telling them apart", async () => {
      const jar = new CookieJar();
      const csrf = await openLogin(jar);
      const wrong = await post(jar, { _csrf: csrf, username: "dave", password: "Wrong-Pass-1" });
      assert.equal(wrong.status, 400);
      const wrongHtml = await wrong.text();
      assert.match(wrongHtml, /role="alert"[^>]*>Incorrect username or password\.</);
      assert.match(wrongHtml, /value="dave"/, "the username is kept");
      const unknown = await post(jar, { _csrf: csrf, username: "nobody", password: "Wrong-Pass-1" });
      assert.match(await unknown.text(), />Incorrect username or password\.</);
      assert.equal(jar.cookies.has("cognito"), false);
    });

    test("a disabled user cannot sign in", async () => {
      await confirmedUser(t.idp, poolId, "erin", { name: "Erin" });
      await t.idp.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: "erin" }));
      const jar = new CookieJar();
      const r = await post(jar, { _csrf: await openLogin(jar), username: "erin", password: GOOD_PASSWORD });
      assert.equal(r.status, 400);
      assert.match(await r.text(), /Incorrect username or password\./);
    });

    test("NEW_PASSWORD_REQUIRED: a temporary password leads to the new-password page, then to the app", async () => {
      await createUser(t.idp, poolId, "frank", { name: "Frank" }, "Temp-Pass-1");
      const jar = new CookieJar();
      const page = await post(jar, {
        _csrf: await openLogin(jar),
        username: "frank",
        password: "Temp-Pass-1",
      });
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.match(html, /Choose a new password/);
      assert.match(html, /<label for="new_password">New password<\/label>/);
      const session = /name="session" value="([^"]+)"/.exec(html)![1]!;
      const csrf = csrfOf(html);
      const step = { _csrf: csrf, step: "new_password", session, username: "frank" };

      const mismatch = await post(jar, {
        ...step,
        new_password: "New-Pass-123",
        confirm_password: "Other-Pass-123",
      });
      assert.equal(mismatch.status, 400);
      assert.match(await mismatch.text(), /do not match/);
      const weak = await post(jar, { ...step, new_password: "short", confirm_password: "short" });
      assert.equal(weak.status, 400);
      assert.match(await weak.text(), /password requirements/);

      const done = await post(jar, {
        ...step,
        new_password: "New-Pass-123",
        confirm_password: "New-Pass-123",
      });
      const callback = locationOf(done, loginUrl);
      assert.ok(callback.searchParams.get("code"));
      assert.equal(callback.searchParams.get("state"), "st-1");
      const user = await t.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "frank" }));
      assert.equal(user.UserStatus, "CONFIRMED");
    });

    test("the session cookie is HttpOnly and SameSite=Lax; /logout ends it and redirects to an exact LogoutURL", async () => {
      const jar = new CookieJar();
      await signInThroughHostedUi(jar, authorizeUrl, "dave");
      const again = await browse(jar, authorizeUrl);
      assert.ok(
        locationOf(again, authorizeUrl).searchParams.get("code"),
        "signed in: straight back to the app",
      );

      const bad = await browse(
        jar,
        `${t.url}/${poolId}/logout?client_id=${clientId}&logout_uri=${encodeURIComponent(`${LOGOUT}/x`)}`,
      );
      assert.equal(bad.status, 400);
      assert.match(await bad.text(), /sign-out address is not registered/);

      const out = await browse(
        jar,
        `${t.url}/${poolId}/logout?client_id=${clientId}&logout_uri=${encodeURIComponent(LOGOUT)}`,
      );
      assert.equal(locationOf(out, t.url).toString(), LOGOUT);
      const cleared = out.headers.getSetCookie().find((c) => c.startsWith("cognito="))!;
      assert.match(cleared, /Max-Age=0/);
      assert.equal(jar.cookies.has("cognito"), false);
      const afterLogout = await browse(jar, authorizeUrl);
      assert.equal(locationOf(afterLogout, authorizeUrl).pathname, `/${poolId}/login`);
    });

    test("a stolen-then-replayed session cookie stops working after logout (the server forgets it)", async () => {
      const jar = new CookieJar();
      await signInThroughHostedUi(jar, authorizeUrl, "dave");
      const copy = jar.header();
      await browse(
        jar,
        `${t.url}/${poolId}/logout?client_id=${clientId}&logout_uri=${encodeURIComponent(LOGOUT)}`,
      );
      const replay = await fetch(authorizeUrl, { headers: { cookie: copy }, redirect: "manual" });
      assert.equal(new URL(replay.headers.get("location")!, t.url).pathname, `/${poolId}/login`);
    });

    test("/logout with redirect_uri and response_type signs out and shows the sign-in page again", async () => {
      const jar = new CookieJar();
      await signInThroughHostedUi(jar, authorizeUrl, "dave");
      const q = new URLSearchParams({
        client_id: clientId,
        redirect_uri: CALLBACK,
        response_type: "code",
        state: "again",
      });
      const res = await browse(jar, `${t.url}/${poolId}/logout?${q}`);
      const loc = locationOf(res, t.url);
      assert.equal(loc.pathname, `/${poolId}/login`);
      assert.equal(loc.searchParams.get("state"), "again");
      assert.equal(
        (
          await browse(
            jar,
            `${t.url}/${poolId}/logout?client_id=nosuch&logout_uri=${encodeURIComponent(LOGOUT)}`,
          )
        ).status,
        400,
      );
    });

    test("on the pool's prefix domain the same pages answer by Host header, with root paths", async () => {
      await t.idp.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: `hosted-${backend}` }));
      const host = `hosted-${backend}.auth.us-east-1.amazoncognito.com`;
      const r = await requestWithHost(t.url, host, `/oauth2/authorize?${authorizeUrl.searchParams}`);
      assert.equal(r.status, 302);
      assert.match(String(r.headers.location), /^\/login\?/);
      const page = await requestWithHost(t.url, host, `/login?${authorizeUrl.searchParams}`);
      assert.equal(page.status, 200);
      assert.match(page.body, /action="\/login\?/);
      assert.match(String(r.headers["set-cookie"] ?? page.headers["set-cookie"]), /Path=\//);
      // The same path on a host that is no domain is not found.
      assert.equal((await requestWithHost(t.url, "other.example.com", "/login")).status, 404);
    });

    test("a custom domain created through the API answers by Host header too", async () => {
      // The published model's DomainType pattern allows no dots; the service takes custom domains
      // (API reference, CreateUserPoolDomain), so scripts/generate-model.ts corrects the pattern.
      const created = await t.idp.send(
        new CreateUserPoolDomainCommand({
          UserPoolId: poolId,
          Domain: "auth.example.com",
          CustomDomainConfig: { CertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc" },
        }),
      );
      assert.ok(created.CloudFrontDomain);
      const { UserPool } = await t.idp.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
      assert.equal(UserPool?.CustomDomain, "auth.example.com");
      const r = await requestWithHost(
        t.url,
        "auth.example.com:443",
        `/oauth2/authorize?${authorizeUrl.searchParams}`,
      );
      assert.equal(r.status, 302);
      assert.match(String(r.headers.location), /^\/login\?/);
    });
  });
}

describe("hosted sign-in rate limit", () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ config: { rateLimitPerMinute: 2 } });
  });
  after(() => t.close());

  test("form posts count against the per-IP sign-in limit, as InitiateAuth does", async () => {
    const { poolId } = await createPoolAndClient(t.idp);
    const { clientId } = await createOAuthClient(t.idp, poolId);
    const url = new URL(
      `${t.url}/${poolId}/login?${new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: CALLBACK })}`,
    );
    const jar = new CookieJar();
    const csrf = csrfOf(await (await browse(jar, url)).text());
    const attempt = () =>
      browse(jar, url, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ _csrf: csrf, username: "x", password: "Wrong-Pass-1" }),
      });
    assert.equal((await attempt()).status, 400);
    assert.equal((await attempt()).status, 400);
    const third = await attempt();
    assert.equal(third.status, 429);
    assert.match(await third.text(), /Too many attempts/);
  });
});

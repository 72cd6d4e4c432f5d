// The hosted self-service pages: /signup → /confirm → sign-in → the app's callback with a code the
// token endpoint exchanges; /forgotPassword → /confirmForgotPassword → sign-in; no sign-up where
// AllowAdminCreateUserOnly (developer guide, "User pool managed login" and "Sign-up and confirmation").
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { AdminGetUserCommand, SetUICustomizationCommand } from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, GOOD_PASSWORD } from "../support/fixtures.ts";
import { BACKENDS, latestMessage, startTestServer, type TestServer } from "../support/server.ts";
import { hiddenFields } from "./form-helpers.ts";
import {
  browse,
  CALLBACK,
  CookieJar,
  confirmedUser,
  createOAuthClient,
  csrfOf,
  decodeJwt,
  locationOf,
  tokenRequest,
} from "./helpers.ts";

const NEW_PASSWORD = "N3w-Passw0rd!x";

for (const backend of BACKENDS) {
  describe(`hosted self-service pages (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    let clientId: string;
    let clientSecret: string;
    let adminOnlyPool: string;
    let adminOnlyClient: string;

    const query = (client: string) =>
      new URLSearchParams({
        response_type: "code",
        client_id: client,
        redirect_uri: CALLBACK,
        state: "st-ss",
        scope: "openid",
      });
    const pageUrl = (pool: string, client: string, path: string) =>
      new URL(`${t.url}/${pool}${path}?${query(client)}`);
    const post = (jar: CookieJar, url: string | URL, form: Record<string, string>) =>
      browse(jar, url, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(form),
      });
    /** The action of the page's form, resolved against the server. */
    const actionOf = (html: string) => {
      const m = /<form method="post" action="([^"]+)"/.exec(html);
      assert.ok(m, "the page has a form");
      return new URL(m[1]!.replace(/&amp;/g, "&"), t.url);
    };
    const submit = (jar: CookieJar, html: string, fields: Record<string, string>) =>
      post(jar, actionOf(html), { ...hiddenFields(html), ...fields });
    const signInFrom = async (jar: CookieJar, html: string, username: string, password: string) => {
      const res = await submit(jar, html, { username, password });
      const callback = locationOf(res, t.url);
      assert.equal(`${callback.origin}${callback.pathname}`, CALLBACK);
      return callback;
    };

    before(async () => {
      t = await startTestServer({ backend });
      ({ poolId } = await createPoolAndClient(t.idp, {
        AutoVerifiedAttributes: ["email"],
        Schema: [{ Name: "name", AttributeDataType: "String", Mutable: true, Required: true }],
      }));
      ({ clientId, clientSecret } = (await createOAuthClient(t.idp, poolId, { GenerateSecret: true })) as {
        clientId: string;
        clientSecret: string;
      });
      ({ poolId: adminOnlyPool } = await createPoolAndClient(t.idp, {
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      }));
      ({ clientId: adminOnlyClient } = await createOAuthClient(t.idp, adminOnlyPool));
    });
    after(() => t.close());

    test("the sign-in page links to sign-up and forgot-password; not to sign-up when only administrators create users", async () => {
      const html = await (await browse(new CookieJar(), pageUrl(poolId, clientId, "/login"))).text();
      assert.match(html, /<a class="redirect-customizable" href="\/[^"]+\/signup\?[^"]*client_id=/);
      assert.match(html, /href="\/[^"]+\/forgotPassword\?[^"]*">Forgot your password\?<\/a>/);
      const adminOnly = await (
        await browse(new CookieJar(), pageUrl(adminOnlyPool, adminOnlyClient, "/login"))
      ).text();
      assert.doesNotMatch(adminOnly, /\/signup\?/);
      assert.match(adminOnly, /forgotPassword\?/);
      const jar = new CookieJar();
      const signup = await browse(jar, pageUrl(adminOnlyPool, adminOnlyClient, "/signup"));
      assert.equal(signup.status, 403);
      assert.match(await signup.text(), /created by an administrator/);
    });

    test("the pool's SetUICustomization CSS reaches the self-service pages", async () => {
      const css = ".submitButton-customizable{background-color:#0a7d33}";
      await t.idp.send(
        new SetUICustomizationCommand({ UserPoolId: adminOnlyPool, ClientId: "ALL", CSS: css }),
      );
      for (const path of ["/forgotPassword", "/confirmForgotPassword"]) {
        const html = await (
          await browse(new CookieJar(), pageUrl(adminOnlyPool, adminOnlyClient, path))
        ).text();
        assert.ok(html.includes(css), `${path} carries the CSS`);
        assert.match(html, /class="submitButton-customizable"/);
      }
    });

    test("sign-up → confirm with the emailed code → sign-in → a code the token endpoint exchanges", async () => {
      const jar = new CookieJar();
      const page = await browse(jar, pageUrl(poolId, clientId, "/signup"));
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.match(html, /<h1>Create your account<\/h1>/);
      for (const label of ["Username", "Full name", "Email address", "Password", "Confirm password"])
        assert.match(html, new RegExp(`<label for="[^"]+">${label}</label>`));
      assert.doesNotMatch(html, /<script/i);

      // Mismatched passwords and a weak password keep the typed values and say why.
      const form = {
        _csrf: csrfOf(html),
        username: "erin",
        "userAttributes.name": "Erin",
        "userAttributes.email": "erin@example.com",
        password: GOOD_PASSWORD,
      };
      const mismatch = await post(jar, actionOf(html), { ...form, confirm_password: "other" });
      assert.equal(mismatch.status, 400);
      const mismatchHtml = await mismatch.text();
      assert.match(mismatchHtml, /role="alert"[^>]*>The passwords do not match/);
      assert.match(mismatchHtml, /name="userAttributes.email" value="erin@example.com"/);
      const weak = await post(jar, actionOf(html), { ...form, password: "short", confirm_password: "short" });
      assert.equal(weak.status, 400);
      assert.match(await weak.text(), /Password did not conform with policy/);

      const created = await post(jar, actionOf(html), { ...form, confirm_password: GOOD_PASSWORD });
      assert.equal(created.status, 200);
      const confirmHtml = await created.text();
      assert.match(confirmHtml, /<h1>Confirm your account<\/h1>/);
      assert.match(confirmHtml, /by email to e\*{3}@e\*{3}/);
      const user = await t.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "erin" }));
      assert.equal(user.UserStatus, "UNCONFIRMED");

      // "Send a new code" (ResendConfirmationCode): the first code no longer works, the new one does.
      const first = await latestMessage(t.url, poolId, "erin");
      const resent = await submit(jar, confirmHtml, { resend: "1" });
      assert.equal(resent.status, 200);
      assert.match(await resent.text(), /by email to e\*{3}@e\*{3}/);
      const mail = await latestMessage(t.url, poolId, "erin");
      assert.notEqual(mail.code, first.code);
      const wrong = await submit(jar, confirmHtml, { code: first.code });
      assert.equal(wrong.status, 400);
      const wrongHtml = await wrong.text();
      assert.match(wrongHtml, /That code is not correct/);
      const confirmed = await submit(jar, wrongHtml, { code: mail.code });
      assert.equal(confirmed.status, 200);
      const loginHtml = await confirmed.text();
      assert.match(loginHtml, /role="status">Your account is confirmed/);
      assert.match(loginHtml, /id="username" name="username" value="erin"/);

      const callback = await signInFrom(jar, loginHtml, "erin", GOOD_PASSWORD);
      assert.equal(callback.searchParams.get("state"), "st-ss");
      const tokens = await tokenRequest(
        t.url,
        poolId,
        {
          grant_type: "authorization_code",
          code: callback.searchParams.get("code")!,
          redirect_uri: CALLBACK,
        },
        { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}` },
      );
      assert.equal(tokens.status, 200);
      const id = decodeJwt(tokens.json.id_token);
      assert.equal(id["cognito:username"], "erin");
      assert.equal(id.email_verified, true);
    });

    test("sign-up of a taken or over-long username is refused with a clear message", async () => {
      await confirmedUser(t.idp, poolId, "taken", { name: "T", email: "taken@example.com" });
      const jar = new CookieJar();
      const html = await (await browse(jar, pageUrl(poolId, clientId, "/signup"))).text();
      const res = await post(jar, actionOf(html), {
        _csrf: csrfOf(html),
        username: "taken",
        "userAttributes.name": "T",
        "userAttributes.email": "t2@example.com",
        password: GOOD_PASSWORD,
        confirm_password: GOOD_PASSWORD,
      });
      assert.equal(res.status, 400);
      assert.match(await res.text(), /An account with this username already exists/);
      // The model's checks run as for the API: a 129-character username is refused, nothing is stored.
      const long = await post(jar, actionOf(html), {
        _csrf: csrfOf(html),
        username: "x".repeat(129),
        "userAttributes.name": "X",
        "userAttributes.email": "x@example.com",
        password: GOOD_PASSWORD,
        confirm_password: GOOD_PASSWORD,
      });
      assert.equal(long.status, 400);
      assert.match(await long.text(), /Some of the information you entered is not valid/);
    });

    test("forgot password → reset with the emailed code → sign-in with the new password; a forged POST is refused", async () => {
      await confirmedUser(t.idp, poolId, "frank", {
        name: "Frank",
        email: "frank@example.com",
        email_verified: "true",
      });
      const jar = new CookieJar();
      const html = await (await browse(jar, pageUrl(poolId, clientId, "/forgotPassword"))).text();
      assert.match(html, /<h1>Reset your password<\/h1>/);
      const forged = await post(new CookieJar(), actionOf(html), { username: "frank" });
      assert.equal(forged.status, 403);
      const sent = await post(jar, actionOf(html), { _csrf: csrfOf(html), username: "frank" });
      assert.equal(sent.status, 200);
      const resetHtml = await sent.text();
      assert.match(resetHtml, /<h1>Choose a new password<\/h1>/);
      assert.match(resetHtml, /by email to f\*{3}@e\*{3}/);
      const mail = await latestMessage(t.url, poolId, "frank");
      const done = await submit(jar, resetHtml, {
        code: mail.code,
        password: NEW_PASSWORD,
        confirm_password: NEW_PASSWORD,
      });
      assert.equal(done.status, 200);
      const loginHtml = await done.text();
      assert.match(loginHtml, /Your password has been reset/);
      const old = await submit(jar, loginHtml, { username: "frank", password: GOOD_PASSWORD });
      assert.equal(old.status, 400);
      await signInFrom(jar, loginHtml, "frank", NEW_PASSWORD);
    });
  });
}

// The hosted MFA pages: SMS_MFA, EMAIL_OTP as MFA and SOFTWARE_TOKEN_MFA code entry, SELECT_MFA_TYPE,
// and MFA_SETUP with a TOTP secret and QR code, all through the API's sign-in engine
// (developer guide, "User pool managed login": MFA prompts during sign-in).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AdminSetUserMFAPreferenceCommand,
  type AdminSetUserMFAPreferenceRequest,
  SetUserPoolMfaConfigCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, GOOD_PASSWORD } from "../support/fixtures.ts";
import { BACKENDS, latestMessage, startTestServer, type TestServer } from "../support/server.ts";
import { totpCode } from "../support/totp.ts";
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

const SMS_CONFIGURATION = {
  SnsCallerArn: "arn:aws:iam::123456789012:role/cognito-sms",
  ExternalId: "cognate-test",
};

for (const backend of BACKENDS) {
  describe(`hosted MFA pages (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    let clientId: string;
    let setupPool: string;
    let setupClient: string;

    const loginUrl = (pool: string, client: string) =>
      new URL(
        `${t.url}/${pool}/login?${new URLSearchParams({
          response_type: "code",
          client_id: client,
          redirect_uri: CALLBACK,
          state: "st-mfa",
          scope: "openid",
        })}`,
      );
    const post = (jar: CookieJar, url: URL, form: Record<string, string>) =>
      browse(jar, url, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(form),
      });
    /** Opens the sign-in page and submits username and password; returns the next page. */
    const signIn = async (jar: CookieJar, url: URL, username: string) => {
      const csrf = csrfOf(await (await browse(jar, url)).text());
      const res = await post(jar, url, { _csrf: csrf, username, password: GOOD_PASSWORD });
      assert.equal(res.status, 200);
      return res.text();
    };
    /** Submits the page's form with its hidden fields and `extra`. */
    const submit = (jar: CookieJar, url: URL, html: string, extra: Record<string, string>) =>
      post(jar, url, { ...hiddenFields(html), ...extra });
    const prefer = (
      UserPoolId: string,
      Username: string,
      settings: Omit<AdminSetUserMFAPreferenceRequest, "UserPoolId" | "Username">,
    ) => t.idp.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId, Username, ...settings }));
    const assertCallback = async (res: Response, url: URL, pool: string, client: string) => {
      const callback = locationOf(res, url);
      assert.equal(`${callback.origin}${callback.pathname}`, CALLBACK);
      assert.equal(callback.searchParams.get("state"), "st-mfa");
      const code = callback.searchParams.get("code");
      assert.ok(code);
      const tokens = await tokenRequest(t.url, pool, {
        grant_type: "authorization_code",
        client_id: client,
        code,
        redirect_uri: CALLBACK,
      });
      return tokens;
    };

    before(async () => {
      t = await startTestServer({ backend });
      ({ poolId } = await createPoolAndClient(t.idp));
      await t.idp.send(
        new SetUserPoolMfaConfigCommand({
          UserPoolId: poolId,
          MfaConfiguration: "OPTIONAL",
          SmsMfaConfiguration: {
            SmsAuthenticationMessage: "Your MFA code is {####}",
            SmsConfiguration: SMS_CONFIGURATION,
          },
          EmailMfaConfiguration: { Message: "Your sign-in code is {####}", Subject: "Sign-in code" },
          SoftwareTokenMfaConfiguration: { Enabled: true },
        }),
      );
      ({ clientId } = await createOAuthClient(t.idp, poolId));
      // A pool that requires MFA and offers only an authenticator app: new users meet MFA_SETUP.
      ({ poolId: setupPool } = await createPoolAndClient(t.idp));
      await t.idp.send(
        new SetUserPoolMfaConfigCommand({
          UserPoolId: setupPool,
          MfaConfiguration: "ON",
          SoftwareTokenMfaConfiguration: { Enabled: true },
        }),
      );
      ({ clientId: setupClient } = await createOAuthClient(t.idp, setupPool, { ClientName: "Acme Portal" }));
    });
    after(() => t.close());

    test("SMS_MFA: a labelled code page naming the masked number; a wrong code stays on it; the texted code signs in", async () => {
      await confirmedUser(t.idp, poolId, "sms-user", { phone_number: "+12065550100" });
      await prefer(poolId, "sms-user", { SMSMfaSettings: { Enabled: true, PreferredMfa: true } });
      const url = loginUrl(poolId, clientId);
      const jar = new CookieJar();
      const page = await signIn(jar, url, "sms-user");
      assert.match(page, /<h1>Enter your verification code<\/h1>/);
      assert.match(page, /by text message to \+\*{7}0100/);
      assert.match(page, /<label for="code">Verification code<\/label>/);
      assert.match(page, /autocomplete="one-time-code"/);
      assert.doesNotMatch(page, /<script/i);
      const sms = await latestMessage(t.url, poolId, "sms-user");
      const wrong = await submit(jar, url, page, { code: sms.code === "000000" ? "111111" : "000000" });
      assert.equal(wrong.status, 400);
      const wrongHtml = await wrong.text();
      assert.match(wrongHtml, /role="alert"[^>]*>That code is not correct/);
      const res = await submit(jar, url, wrongHtml, { code: sms.code });
      const tokens = await assertCallback(res, url, poolId, clientId);
      assert.equal(tokens.status, 200);
      assert.equal(decodeJwt(tokens.json.id_token)["cognito:username"], "sms-user");
    });

    test("EMAIL_OTP as MFA: the emailed code signs in; a page without the CSRF token is refused", async () => {
      await confirmedUser(t.idp, poolId, "mail-user", { email: "mail-user@example.com" });
      await prefer(poolId, "mail-user", { EmailMfaSettings: { Enabled: true, PreferredMfa: true } });
      const url = loginUrl(poolId, clientId);
      const jar = new CookieJar();
      const page = await signIn(jar, url, "mail-user");
      assert.match(page, /by email to m\*{3}@e\*{3}/);
      const mail = await latestMessage(t.url, poolId, "mail-user");
      const { _csrf: _, ...noCsrf } = hiddenFields(page);
      const forged = await post(jar, url, { ...noCsrf, code: mail.code });
      assert.equal(forged.status, 403);
      const res = await submit(jar, url, page, { code: mail.code });
      await assertCallback(res, url, poolId, clientId);
    });

    test("SELECT_MFA_TYPE: one button per factor; the chosen factor's code page follows", async () => {
      await confirmedUser(t.idp, poolId, "both-user", {
        email: "both@example.com",
        phone_number: "+12065550111",
      });
      await prefer(poolId, "both-user", {
        EmailMfaSettings: { Enabled: true },
        SMSMfaSettings: { Enabled: true },
      });
      const url = loginUrl(poolId, clientId);
      const jar = new CookieJar();
      const page = await signIn(jar, url, "both-user");
      assert.match(page, /How do you want to verify it&#39;s you\?|How do you want to verify it's you\?/);
      assert.match(page, /<button[^>]*name="answer" value="SMS_MFA">Text message \(SMS\)<\/button>/);
      assert.match(page, /<button[^>]*name="answer" value="EMAIL_OTP">Email<\/button>/);
      const chosen = await submit(jar, url, page, { answer: "EMAIL_OTP" });
      assert.equal(chosen.status, 200);
      const codePage = await chosen.text();
      assert.match(codePage, /by email to/);
      const mail = await latestMessage(t.url, poolId, "both-user");
      await assertCallback(await submit(jar, url, codePage, { code: mail.code }), url, poolId, clientId);
    });

    test("MFA_SETUP: the page shows the secret and a QR code of the otpauth URI; the app's code finishes sign-in, and the next sign-in asks for a TOTP code", async () => {
      await confirmedUser(t.idp, setupPool, "new-user");
      const url = loginUrl(setupPool, setupClient);
      const jar = new CookieJar();
      const page = await signIn(jar, url, "new-user");
      assert.match(page, /<h1>Set up two-step verification<\/h1>/);
      assert.match(page, /<img class="qr" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="QR code/);
      const secret = hiddenFields(page).secret!;
      assert.match(secret, /^[A-Z2-7]{16,}$/);
      const shown = /<code class="secret" id="totp-secret">([^<]+)<\/code>/.exec(page)![1]!;
      assert.equal(shown.replace(/ /g, ""), secret);
      assert.match(
        page,
        new RegExp(
          `<a class="app-link" href="otpauth://totp/Acme%20Portal:new-user\\?secret=${secret}&amp;issuer=Acme%20Portal">`,
        ),
      );
      const now = t.clock.nowMs();
      const right = totpCode(secret, now);
      const wrong = await submit(jar, url, page, { code: right === "000000" ? "111111" : "000000" });
      assert.equal(wrong.status, 400);
      const wrongHtml = await wrong.text();
      assert.match(wrongHtml, /role="alert"[^>]*>That code is not correct/);
      assert.equal(hiddenFields(wrongHtml).secret, secret);
      await assertCallback(await submit(jar, url, wrongHtml, { code: right }), url, setupPool, setupClient);

      // A code works once: the next sign-in uses the code of the next 30-second step.
      t.clock.advance(30_000);
      const jar2 = new CookieJar();
      const totpPage = await signIn(jar2, url, "new-user");
      assert.match(totpPage, /Open your authenticator app/);
      const res = await submit(jar2, url, totpPage, { code: totpCode(secret, t.clock.nowMs()) });
      await assertCallback(res, url, setupPool, setupClient);
    });
  });
}

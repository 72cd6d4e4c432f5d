// Passwordless sign-in on the hosted page: USER_AUTH with PREFERRED_CHALLENGE EMAIL_OTP through the
// API's engine, offered only when the pool's SignInPolicy allows it (developer guide,
// "Choice-based authentication" and "Passwordless sign-in with one-time passwords").
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createPoolAndClient } from "../support/fixtures.ts";
import { BACKENDS, latestMessage, startTestServer, type TestServer } from "../support/server.ts";
import { hiddenFields } from "./form-helpers.ts";
import {
  browse,
  CALLBACK,
  CookieJar,
  confirmedUser,
  createOAuthClient,
  csrfOf,
  locationOf,
} from "./helpers.ts";

for (const backend of BACKENDS) {
  describe(`hosted passwordless sign-in (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    let clientId: string;
    let plainPool: string;
    let plainClient: string;
    const loginUrl = (pool: string, client: string) =>
      new URL(
        `${t.url}/${pool}/login?${new URLSearchParams({
          response_type: "code",
          client_id: client,
          redirect_uri: CALLBACK,
          state: "st-pl",
        })}`,
      );
    const post = (jar: CookieJar, url: URL, form: Record<string, string>) =>
      browse(jar, url, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(form),
      });
    before(async () => {
      t = await startTestServer({ backend });
      ({ poolId } = await createPoolAndClient(t.idp, {
        Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP"] } },
      }));
      // The client does not list ALLOW_USER_AUTH: managed login signs in regardless.
      ({ clientId } = await createOAuthClient(t.idp, poolId, {
        ExplicitAuthFlows: ["ALLOW_REFRESH_TOKEN_AUTH"],
      }));
      ({ poolId: plainPool } = await createPoolAndClient(t.idp));
      ({ clientId: plainClient } = await createOAuthClient(t.idp, plainPool));
    });
    after(() => t.close());

    test("the page offers an emailed code only where the pool allows EMAIL_OTP as a first factor", async () => {
      const html = await (await browse(new CookieJar(), loginUrl(poolId, clientId))).text();
      assert.match(
        html,
        /<button class="secondary" type="submit" name="method" value="EMAIL_OTP" formnovalidate="">Email me a sign-in code<\/button>/,
      );
      const plain = await (await browse(new CookieJar(), loginUrl(plainPool, plainClient))).text();
      assert.doesNotMatch(plain, /name="method"/);
    });

    test("username only → the emailed code → the app's callback with a code", async () => {
      await confirmedUser(t.idp, poolId, "pia", { email: "pia@example.com", email_verified: "true" });
      const url = loginUrl(poolId, clientId);
      const jar = new CookieJar();
      const csrf = csrfOf(await (await browse(jar, url)).text());
      const res = await post(jar, url, { _csrf: csrf, username: "pia", password: "", method: "EMAIL_OTP" });
      assert.equal(res.status, 200);
      const page = await res.text();
      assert.match(page, /by email to p\*{3}@e\*{3}/);
      assert.equal(hiddenFields(page).challenge, "EMAIL_OTP");
      const mail = await latestMessage(t.url, poolId, "pia");
      const done = await post(jar, url, { ...hiddenFields(page), code: mail.code });
      const callback = locationOf(done, url);
      assert.equal(`${callback.origin}${callback.pathname}`, CALLBACK);
      assert.ok(callback.searchParams.get("code"));
    });

    test("a user without a verified email is told to use the password; an empty username is refused", async () => {
      await confirmedUser(t.idp, poolId, "quin");
      const url = loginUrl(poolId, clientId);
      const jar = new CookieJar();
      const csrf = csrfOf(await (await browse(jar, url)).text());
      const res = await post(jar, url, { _csrf: csrf, username: "quin", method: "EMAIL_OTP" });
      assert.equal(res.status, 400);
      assert.match(
        await res.text(),
        /role="alert"[^>]*>This sign-in method is not available for your account/,
      );
      const empty = await post(jar, url, { _csrf: csrf, username: "", method: "EMAIL_OTP" });
      assert.equal(empty.status, 400);
      assert.match(await empty.text(), /Enter your username\./);
    });
  });
}

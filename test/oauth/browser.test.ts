// The hosted sign-in page in a real browser (headless Chromium via playwright-core): sign in,
// the NEW_PASSWORD_REQUIRED page, the session skipping the page, screenshots for review.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { ARTIFACTS, chromiumSkip, launchChromium } from "../support/browser.ts";
import { createPoolAndClient, createUser } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";
import { CALLBACK, confirmedUser, createOAuthClient, tokenRequest } from "./helpers.ts";

// The browser really follows the last redirect, so the "app" here is the test server's /health
// (Playwright cannot intercept a redirect's target; an unresolvable host would fail the navigation).

const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;

describe("hosted sign-in page in Chromium", { skip: chromiumSkip }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(() => browser?.close());

  for (const backend of BACKENDS) {
    describe(backend, () => {
      let t: TestServer;
      let poolId: string;
      let clientId: string;
      let authorizeUrl: string;
      let app: string;
      before(async () => {
        t = await startTestServer({ backend });
        ({ poolId } = await createPoolAndClient(t.idp));
        app = `${t.url}/health`;
        ({ clientId } = await createOAuthClient(t.idp, poolId, {
          ClientName: "Acme Notes",
          CallbackURLs: [CALLBACK, app],
        }));
        await confirmedUser(t.idp, poolId, "hana", { email: "hana@example.com" });
        const q = new URLSearchParams({
          response_type: "code",
          client_id: clientId,
          redirect_uri: app,
          scope: "openid email",
          state: "b-1",
        });
        authorizeUrl = `${t.url}/${poolId}/oauth2/authorize?${q}`;
      });
      after(() => t.close());

      test("a person signs in with the form and the app receives a code it can exchange", async () => {
        const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
        const page = await context.newPage();
        await page.goto(authorizeUrl);
        assert.match(new URL(page.url()).pathname, /\/login$/);
        assert.equal(await page.title(), "Sign in · cognate");
        await page.screenshot({ path: `${ARTIFACTS}/login-desktop-${backend}.png`, fullPage: true });

        await page.getByLabel("Username").fill("hana");
        await page.getByLabel("Password").fill("Wrong-Pass-1");
        await page.getByRole("button", { name: "Sign in" }).click();
        await page.getByRole("alert").waitFor();
        assert.equal(
          (await page.getByRole("alert").textContent())?.trim(),
          "Incorrect username or password.",
        );
        await page.screenshot({ path: `${ARTIFACTS}/login-error-desktop-${backend}.png`, fullPage: true });

        await page.getByLabel("Password").fill("Correct-Horse-9");
        await Promise.all([
          page.waitForURL(`${app}?**`),
          page.getByRole("button", { name: "Sign in" }).click(),
        ]);
        const callback = new URL(page.url());
        assert.equal(callback.searchParams.get("state"), "b-1");
        const r = await tokenRequest(t.url, poolId, {
          grant_type: "authorization_code",
          client_id: clientId,
          code: callback.searchParams.get("code")!,
          redirect_uri: app,
        });
        assert.equal(r.status, 200);

        // Same browser, second authorize: the session cookie skips the page.
        await page.goto(authorizeUrl.replace("b-1", "b-2"));
        await page.waitForURL(`${app}?**`);
        assert.equal(new URL(page.url()).searchParams.get("state"), "b-2");
        const cookies = await context.cookies(authorizeUrl);
        const session = cookies.find((c) => c.name === "cognito");
        assert.ok(session?.httpOnly);
        assert.equal(session?.sameSite, "Lax");
        await context.close();
      });

      test("on a phone, a temporary password leads through the new-password page", async () => {
        await createUser(t.idp, poolId, "ivo", { email: "ivo@example.com" }, "Temp-Pass-1");
        const context = await browser.newContext({
          viewport: VIEWPORTS.phone,
          isMobile: true,
          hasTouch: true,
        });
        const page = await context.newPage();
        await page.goto(authorizeUrl);
        await page.screenshot({ path: `${ARTIFACTS}/login-phone-${backend}.png`, fullPage: true });
        await page.getByLabel("Username").fill("ivo");
        await page.getByLabel("Password").fill("Temp-Pass-1");
        await page.getByRole("button", { name: "Sign in" }).click();
        await page.getByRole("heading", { name: "Choose a new password" }).waitFor();
        await page.screenshot({ path: `${ARTIFACTS}/new-password-phone-${backend}.png`, fullPage: true });
        await page.getByLabel("New password", { exact: true }).fill("Fresh-Pass-42");
        await page.getByLabel("Confirm new password").fill("Fresh-Pass-42");
        await Promise.all([
          page.waitForURL(`${app}?**`),
          page.getByRole("button", { name: /Change password/ }).click(),
        ]);
        assert.ok(new URL(page.url()).searchParams.get("code"));
        await context.close();
      });

      test("an unregistered redirect_uri shows the error page", async () => {
        const context = await browser.newContext({ viewport: VIEWPORTS.phone, isMobile: true });
        const page = await context.newPage();
        const res = await page.goto(
          authorizeUrl.replace(encodeURIComponent(app), encodeURIComponent("https://evil.example.com/cb")),
        );
        assert.equal(res?.status(), 400);
        await page.getByRole("heading", { name: "We can't continue with this request" }).waitFor();
        await page.screenshot({ path: `${ARTIFACTS}/error-phone-${backend}.png`, fullPage: true });
        await context.close();
      });
    });
  }
});

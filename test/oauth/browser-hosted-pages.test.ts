// The MFA and self-service hosted pages in a real browser (headless Chromium via playwright-core):
// TOTP setup at MFA_SETUP, the SMS code page, SELECT_MFA_TYPE, sign-up → confirm → sign-in and
// forgot password → reset, each page screenshotted at desktop and phone widths for review.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AdminSetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type { Browser, Page } from "playwright-core";
import { ARTIFACTS, chromiumSkip, launchChromium } from "../support/browser.ts";
import { createPoolAndClient, GOOD_PASSWORD } from "../support/fixtures.ts";
import { BACKENDS, latestMessage, startTestServer, type TestServer } from "../support/server.ts";
import { totpCode } from "../support/totp.ts";
import { CALLBACK, confirmedUser, createOAuthClient } from "./helpers.ts";

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/** Screenshots the current page at desktop and phone widths, leaving it at desktop width. */
async function shoot(page: Page, name: string) {
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: `${ARTIFACTS}/${name}-desktop.png`, fullPage: true });
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: `${ARTIFACTS}/${name}-phone.png`, fullPage: true });
  await page.setViewportSize(DESKTOP);
}

describe("hosted MFA and self-service pages in Chromium", { skip: chromiumSkip }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(() => browser?.close());

  for (const backend of BACKENDS) {
    describe(backend, () => {
      let t: TestServer;
      let app: string;
      const authorize = (poolId: string, clientId: string) =>
        `${t.url}/${poolId}/oauth2/authorize?${new URLSearchParams({
          response_type: "code",
          client_id: clientId,
          redirect_uri: app,
          scope: "openid",
          state: "hp",
        })}`;
      const signIn = async (page: Page, username: string, password = GOOD_PASSWORD) => {
        await page.getByLabel("Username", { exact: true }).fill(username);
        await page.getByLabel("Password", { exact: true }).fill(password);
        await page.getByRole("button", { name: "Sign in" }).click();
      };
      const arrives = async (page: Page, click: () => Promise<void>) => {
        await Promise.all([page.waitForURL(`${app}?**`), click()]);
        assert.ok(new URL(page.url()).searchParams.get("code"));
      };
      before(async () => {
        t = await startTestServer({ backend });
        app = `${t.url}/health`;
      });
      after(() => t.close());

      test("MFA_SETUP: the QR code and key, then the app's code signs in", async () => {
        const { poolId } = await createPoolAndClient(t.idp);
        await t.idp.send(
          new SetUserPoolMfaConfigCommand({
            UserPoolId: poolId,
            MfaConfiguration: "ON",
            SoftwareTokenMfaConfiguration: { Enabled: true },
          }),
        );
        const { clientId } = await createOAuthClient(t.idp, poolId, {
          ClientName: "Acme Notes",
          CallbackURLs: [CALLBACK, app],
        });
        await confirmedUser(t.idp, poolId, "tara");
        const context = await browser.newContext({ viewport: DESKTOP });
        const page = await context.newPage();
        await page.goto(authorize(poolId, clientId));
        await signIn(page, "tara");
        await page.getByRole("heading", { name: "Set up two-step verification" }).waitFor();
        const qr = page.getByRole("img", { name: /QR code/ });
        assert.ok(
          (await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)) > 0,
          "the QR code renders",
        );
        await shoot(page, "totp-setup");
        const secret = (await page.locator("#totp-secret").textContent())!.replace(/\s/g, "");
        await page.getByLabel("Code from the app").fill("000000");
        await page.getByRole("button", { name: /Verify/ }).click();
        await page.getByRole("alert").waitFor();
        await shoot(page, "totp-setup-error");
        await page.getByLabel("Code from the app").fill(totpCode(secret, t.clock.nowMs()));
        await arrives(page, () => page.getByRole("button", { name: /Verify/ }).click());
        await context.close();
      });

      test("SMS_MFA and SELECT_MFA_TYPE pages", async () => {
        const { poolId } = await createPoolAndClient(t.idp);
        await t.idp.send(
          new SetUserPoolMfaConfigCommand({
            UserPoolId: poolId,
            MfaConfiguration: "OPTIONAL",
            SmsMfaConfiguration: {
              SmsAuthenticationMessage: "Your code is {####}",
              SmsConfiguration: { SnsCallerArn: "arn:aws:iam::123456789012:role/sms", ExternalId: "x" },
            },
            EmailMfaConfiguration: { Message: "Your code is {####}", Subject: "Code" },
          }),
        );
        const { clientId } = await createOAuthClient(t.idp, poolId, { CallbackURLs: [CALLBACK, app] });
        await confirmedUser(t.idp, poolId, "sam", { phone_number: "+12065550100", email: "sam@example.com" });
        await t.idp.send(
          new AdminSetUserMFAPreferenceCommand({
            UserPoolId: poolId,
            Username: "sam",
            SMSMfaSettings: { Enabled: true },
            EmailMfaSettings: { Enabled: true },
          }),
        );
        const context = await browser.newContext({ viewport: DESKTOP });
        const page = await context.newPage();
        await page.goto(authorize(poolId, clientId));
        await signIn(page, "sam");
        await page.getByRole("button", { name: "Text message (SMS)" }).waitFor();
        await shoot(page, "select-mfa");
        await page.getByRole("button", { name: "Text message (SMS)" }).click();
        await page.getByLabel("Verification code").waitFor();
        await shoot(page, "mfa-code");
        const sms = await latestMessage(t.url, poolId, "sam");
        await page.getByLabel("Verification code").fill(sms.code);
        await arrives(page, () => page.getByRole("button", { name: "Verify and sign in" }).click());
        await context.close();
      });

      test("sign-up → confirm → sign-in, and forgot password → reset", async () => {
        const { poolId } = await createPoolAndClient(t.idp, {
          AutoVerifiedAttributes: ["email"],
          Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP"] } },
        });
        const { clientId } = await createOAuthClient(t.idp, poolId, {
          ClientName: "Acme Notes",
          CallbackURLs: [CALLBACK, app],
        });
        const context = await browser.newContext({ viewport: DESKTOP });
        const page = await context.newPage();
        await page.goto(authorize(poolId, clientId));
        await shoot(page, "login-with-links");
        await page.getByRole("link", { name: /Sign up/ }).click();
        await page.getByRole("heading", { name: "Create your account" }).waitFor();
        await shoot(page, "signup");
        await page.getByLabel("Username").fill("uma");
        await page.getByLabel("Email address").fill("uma@example.com");
        await page.getByLabel("Password", { exact: true }).fill(GOOD_PASSWORD);
        await page.getByLabel("Confirm password").fill(GOOD_PASSWORD);
        await page.getByRole("button", { name: "Create account" }).click();
        await page.getByRole("heading", { name: "Confirm your account" }).waitFor();
        await shoot(page, "confirm");
        const mail = await latestMessage(t.url, poolId, "uma");
        await page.getByLabel("Confirmation code").fill(mail.code);
        await page.getByRole("button", { name: "Confirm account" }).click();
        await page.getByRole("status").waitFor();
        await shoot(page, "login-confirmed");
        await page.getByLabel("Password", { exact: true }).fill(GOOD_PASSWORD);
        await arrives(page, () => page.getByRole("button", { name: "Sign in" }).click());

        const reset = await browser.newContext({ viewport: DESKTOP });
        const p2 = await reset.newPage();
        await p2.goto(authorize(poolId, clientId));
        await p2.getByRole("link", { name: "Forgot your password?" }).click();
        await p2.getByRole("heading", { name: "Reset your password" }).waitFor();
        await shoot(p2, "forgot-password");
        await p2.getByLabel("Username").fill("uma");
        await p2.getByRole("button", { name: "Send code" }).click();
        await p2.getByRole("heading", { name: "Choose a new password" }).waitFor();
        await shoot(p2, "reset-password");
        const code = await latestMessage(t.url, poolId, "uma");
        await p2.getByLabel("Confirmation code").fill(code.code);
        await p2.getByLabel("New password", { exact: true }).fill("N3w-Passw0rd!x");
        await p2.getByLabel("Confirm new password").fill("N3w-Passw0rd!x");
        await p2.getByRole("button", { name: "Reset password" }).click();
        await p2.getByRole("status").waitFor();
        await signIn(p2, "uma", "N3w-Passw0rd!x");
        await p2.waitForURL(`${app}?**`);
        await context.close();
        await reset.close();
      });
    });
  }
});

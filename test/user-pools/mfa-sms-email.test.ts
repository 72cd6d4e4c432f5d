// SMS_MFA and EMAIL_OTP as a second factor (codes from the outbox), SELECT_MFA_TYPE, MFA required
// without a chosen factor, the legacy MFAOptions switch, wrong and exhausted codes.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AdminGetUserCommand,
  AdminSetUserMFAPreferenceCommand,
  type AdminSetUserMFAPreferenceRequest,
  AdminSetUserPasswordCommand,
  AdminSetUserSettingsCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, createUser, GOOD_PASSWORD, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, latestMessage, startTestServer, type TestServer } from "../support/server.ts";
import { signedInUser } from "../support/signed-in.ts";

const SMS_CONFIGURATION = {
  SnsCallerArn: "arn:aws:iam::123456789012:role/cognito-sms",
  ExternalId: "cognate-test",
};
const MISMATCH = "Invalid code or auth state for the user.";

for (const backend of BACKENDS) {
  describe(`SMS and email MFA (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    let clientId: string;
    before(async () => {
      t = await startTestServer({ backend });
      ({ poolId, clientId } = await createPoolAndClient(t.idp));
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
    });
    after(() => t.close());

    const passwordAuth = (id: string, username: string) =>
      t.publicIdp.send(
        new InitiateAuthCommand({
          ClientId: id,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: username, PASSWORD: GOOD_PASSWORD },
        }),
      );
    const respond = (
      id: string,
      ChallengeName: "SMS_MFA" | "EMAIL_OTP" | "SELECT_MFA_TYPE",
      Session: string | undefined,
      responses: Record<string, string>,
    ) =>
      t.publicIdp.send(
        new RespondToAuthChallengeCommand({
          ClientId: id,
          ChallengeName,
          Session,
          ChallengeResponses: responses,
        }),
      );
    const prefer = (
      Username: string,
      settings: Omit<AdminSetUserMFAPreferenceRequest, "UserPoolId" | "Username">,
    ) => t.idp.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: poolId, Username, ...settings }));
    const otherCode = (code: string) => (code === "000000" ? "111111" : "000000");

    test("SMS_MFA: a 6-digit code by SMS with the pool's message, a masked destination, then tokens", async () => {
      await signedInUser(t, poolId, clientId, "sid", { phone_number: "+12065550100" });
      await prefer("sid", { SMSMfaSettings: { Enabled: true, PreferredMfa: true } });
      const first = await passwordAuth(clientId, "sid");
      assert.equal(first.ChallengeName, "SMS_MFA");
      assert.deepEqual(first.ChallengeParameters, {
        CODE_DELIVERY_DELIVERY_MEDIUM: "SMS",
        CODE_DELIVERY_DESTINATION: "+*******0100",
      });
      const sms = await latestMessage(t.url, poolId, "sid");
      assert.equal(sms.channel, "SMS");
      assert.equal(sms.destination, "+12065550100");
      assert.match(sms.code, /^[0-9]{6}$/);
      assert.equal(sms.body, `Your MFA code is ${sms.code}`);
      await rejectsWith(
        respond(clientId, "SMS_MFA", first.Session, { USERNAME: "sid", SMS_MFA_CODE: otherCode(sms.code) }),
        "CodeMismatchException",
        MISMATCH,
      );
      const done = await respond(clientId, "SMS_MFA", first.Session, {
        USERNAME: "sid",
        SMS_MFA_CODE: sms.code,
      });
      assert.ok(done.AuthenticationResult?.AccessToken);
      // The number that received the code counts as verified (AWS re:Post, "cognito-mfa-errors").
      const user = await t.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "sid" }));
      assert.equal(user.UserAttributes?.find((a) => a.Name === "phone_number_verified")?.Value, "true");
    });

    test("EMAIL_OTP as MFA: the code by email with the pool's subject and message, answered with EMAIL_OTP_CODE", async () => {
      await signedInUser(t, poolId, clientId, "em", { email: "em@example.com" });
      await prefer("em", { EmailMfaSettings: { Enabled: true } });
      const first = await passwordAuth(clientId, "em");
      assert.equal(first.ChallengeName, "EMAIL_OTP");
      assert.deepEqual(first.ChallengeParameters, {
        CODE_DELIVERY_DELIVERY_MEDIUM: "EMAIL",
        CODE_DELIVERY_DESTINATION: "e***@e***",
      });
      const mail = await latestMessage(t.url, poolId, "em");
      assert.equal(mail.channel, "EMAIL");
      assert.equal(mail.subject, "Sign-in code");
      assert.equal(mail.body, `Your sign-in code is ${mail.code}`);
      assert.match(mail.code, /^[0-9]{6}$/);
      await rejectsWith(
        respond(clientId, "EMAIL_OTP", first.Session, {
          USERNAME: "em",
          EMAIL_OTP_CODE: otherCode(mail.code),
        }),
        "CodeMismatchException",
        MISMATCH,
      );
      const done = await respond(clientId, "EMAIL_OTP", first.Session, {
        USERNAME: "em",
        EMAIL_OTP_CODE: mail.code,
      });
      assert.ok(done.AuthenticationResult?.IdToken);
      await rejectsWith(
        respond(clientId, "EMAIL_OTP", first.Session, { USERNAME: "em", EMAIL_OTP_CODE: mail.code }),
        "NotAuthorizedException",
        "Invalid session for the user.",
      );
    });

    test("SELECT_MFA_TYPE when several factors are on and none is preferred; ANSWER starts the chosen one", async () => {
      await signedInUser(t, poolId, clientId, "sel", {
        phone_number: "+12065550111",
        email: "sel@example.com",
      });
      await prefer("sel", { SMSMfaSettings: { Enabled: true }, EmailMfaSettings: { Enabled: true } });
      const first = await passwordAuth(clientId, "sel");
      assert.equal(first.ChallengeName, "SELECT_MFA_TYPE");
      assert.deepEqual(first.ChallengeParameters, { MFAS_CAN_CHOOSE: '["SMS_MFA","EMAIL_OTP"]' });
      await rejectsWith(
        respond(clientId, "SELECT_MFA_TYPE", first.Session, {
          USERNAME: "sel",
          ANSWER: "SOFTWARE_TOKEN_MFA",
        }),
        "InvalidParameterException",
      );
      const chosen = await respond(clientId, "SELECT_MFA_TYPE", first.Session, {
        USERNAME: "sel",
        ANSWER: "EMAIL_OTP",
      });
      assert.equal(chosen.ChallengeName, "EMAIL_OTP");
      assert.equal(chosen.ChallengeParameters?.CODE_DELIVERY_DELIVERY_MEDIUM, "EMAIL");
      const { code } = await latestMessage(t.url, poolId, "sel");
      const done = await respond(clientId, "EMAIL_OTP", chosen.Session, {
        USERNAME: "sel",
        EMAIL_OTP_CODE: code,
      });
      assert.ok(done.AuthenticationResult?.AccessToken);
    });

    test("three wrong SMS codes end the challenge session, even for the right code", async () => {
      await signedInUser(t, poolId, clientId, "tri", { phone_number: "+12065550112" });
      await prefer("tri", { SMSMfaSettings: { Enabled: true } });
      const first = await passwordAuth(clientId, "tri");
      const { code } = await latestMessage(t.url, poolId, "tri");
      for (let i = 0; i < 3; i++) {
        await rejectsWith(
          respond(clientId, "SMS_MFA", first.Session, { USERNAME: "tri", SMS_MFA_CODE: otherCode(code) }),
          "CodeMismatchException",
          MISMATCH,
        );
      }
      await rejectsWith(
        respond(clientId, "SMS_MFA", first.Session, { USERNAME: "tri", SMS_MFA_CODE: code }),
        "NotAuthorizedException",
        "Invalid session for the user.",
      );
    });

    test("a new sign-in replaces the code of an earlier one", async () => {
      await signedInUser(t, poolId, clientId, "two", { phone_number: "+12065550113" });
      await prefer("two", { SMSMfaSettings: { Enabled: true } });
      const a = await passwordAuth(clientId, "two");
      const codeA = (await latestMessage(t.url, poolId, "two")).code;
      const b = await passwordAuth(clientId, "two");
      const codeB = (await latestMessage(t.url, poolId, "two")).code;
      await rejectsWith(
        respond(clientId, "SMS_MFA", a.Session, { USERNAME: "two", SMS_MFA_CODE: codeA }),
        "NotAuthorizedException",
        "Invalid session for the user.",
      );
      assert.ok(
        (await respond(clientId, "SMS_MFA", b.Session, { USERNAME: "two", SMS_MFA_CODE: codeB }))
          .AuthenticationResult,
      );
    });

    test("the legacy MFAOptions switch (AdminSetUserSettings) turns SMS_MFA on at sign-in", async () => {
      await signedInUser(t, poolId, clientId, "old", { phone_number: "+12065550114" });
      await t.idp.send(
        new AdminSetUserSettingsCommand({
          UserPoolId: poolId,
          Username: "old",
          MFAOptions: [{ DeliveryMedium: "SMS", AttributeName: "phone_number" }],
        }),
      );
      const first = await passwordAuth(clientId, "old");
      assert.equal(first.ChallengeName, "SMS_MFA");
    });

    test("MFA ON: a user who chose nothing gets SMS_MFA at their phone_number", async () => {
      const on = await createPoolAndClient(t.idp);
      await t.idp.send(
        new SetUserPoolMfaConfigCommand({
          UserPoolId: on.poolId,
          MfaConfiguration: "ON",
          SmsMfaConfiguration: { SmsConfiguration: SMS_CONFIGURATION },
          SoftwareTokenMfaConfiguration: { Enabled: true },
        }),
      );
      await createUser(t.idp, on.poolId, "req", { phone_number: "+12065550115" });
      await t.idp.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: on.poolId,
          Username: "req",
          Password: GOOD_PASSWORD,
          Permanent: true,
        }),
      );
      const first = await passwordAuth(on.clientId, "req");
      assert.equal(first.ChallengeName, "SMS_MFA");
      const { code } = await latestMessage(t.url, on.poolId, "req");
      assert.equal(code.length, 6, "the default SMS message carries the code");
      const done = await respond(on.clientId, "SMS_MFA", first.Session, {
        USERNAME: "req",
        SMS_MFA_CODE: code,
      });
      assert.ok(done.AuthenticationResult?.AccessToken);
    });

    test("an expired SMS_MFA session is refused (3 minutes)", async () => {
      await signedInUser(t, poolId, clientId, "late", { phone_number: "+12065550116" });
      await prefer("late", { SMSMfaSettings: { Enabled: true } });
      const first = await passwordAuth(clientId, "late");
      const { code } = await latestMessage(t.url, poolId, "late");
      t.clock.advance(3 * 60_000 + 1000);
      await rejectsWith(
        respond(clientId, "SMS_MFA", first.Session, { USERNAME: "late", SMS_MFA_CODE: code }),
        "NotAuthorizedException",
        "Invalid session for the user, session is expired.",
      );
      t.clock.set(new Date());
    });
  });
}

// ForgotPassword and ConfirmForgotPassword, driven as an app would with the public client.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { after, before, describe, test } from "node:test";
import {
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, createUser, GOOD_PASSWORD, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, latestMessage, startTestServer, type TestServer } from "../support/server.ts";

const NEW_PASSWORD = "Brand-New-Pass-7";
const NOT_FOUND = "Username/client id combination not found.";
const NO_DESTINATION =
  "Cannot reset password for the user as there is no registered/verified email or phone_number";
const secretHash = (secret: string, username: string, clientId: string) =>
  createHmac("sha256", secret)
    .update(username + clientId)
    .digest("base64");

for (const backend of BACKENDS) {
  describe(`ForgotPassword / ConfirmForgotPassword (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    let clientId: string;

    /** A confirmed user whose email (and phone, if given) is verified, through the public sign-up journey. */
    const signedUp = async (
      p: { poolId: string; clientId: string },
      Username: string,
      extra: Record<string, string> = {},
    ) => {
      const UserAttributes = Object.entries({ email: `${Username}@example.com`, ...extra }).map(
        ([Name, Value]) => ({ Name, Value }),
      );
      await t.publicIdp.send(
        new SignUpCommand({ ClientId: p.clientId, Username, Password: GOOD_PASSWORD, UserAttributes }),
      );
      const { code } = await latestMessage(t.url, p.poolId, Username);
      await t.publicIdp.send(
        new ConfirmSignUpCommand({ ClientId: p.clientId, Username, ConfirmationCode: code }),
      );
    };
    const signIn = (Username: string, password: string, ClientId = clientId) =>
      t.publicIdp.send(
        new InitiateAuthCommand({
          ClientId,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: Username, PASSWORD: password },
        }),
      );
    const forgot = (Username: string, ClientId = clientId) =>
      t.publicIdp.send(new ForgotPasswordCommand({ ClientId, Username }));
    const confirmReset = (
      Username: string,
      ConfirmationCode: string,
      Password = NEW_PASSWORD,
      ClientId = clientId,
    ) =>
      t.publicIdp.send(new ConfirmForgotPasswordCommand({ ClientId, Username, ConfirmationCode, Password }));

    before(async () => {
      t = await startTestServer({ backend });
      ({ poolId, clientId } = await createPoolAndClient(t.idp, { AutoVerifiedAttributes: ["email"] }));
    });
    after(() => t.close());

    test("the whole journey: forgot, read the code, reset, sign in with the new password only", async () => {
      await signedUp({ poolId, clientId }, "forgetful");
      const before = await signIn("forgetful", GOOD_PASSWORD);
      const refresh = before.AuthenticationResult!.RefreshToken!;

      const res = await forgot("forgetful");
      assert.deepEqual(res.CodeDeliveryDetails, {
        Destination: "f***@e***",
        DeliveryMedium: "EMAIL",
        AttributeName: "email",
      });
      const mail = await latestMessage(t.url, poolId, "forgetful");
      assert.equal(mail.destination, "forgetful@example.com");
      assert.ok(mail.body.includes(mail.code));

      await confirmReset("forgetful", mail.code);
      await rejectsWith(
        signIn("forgetful", GOOD_PASSWORD),
        "NotAuthorizedException",
        "Incorrect username or password.",
      );
      const after = await signIn("forgetful", NEW_PASSWORD);
      assert.ok(after.AuthenticationResult?.AccessToken);
      const admin = await t.idp.send(
        new AdminInitiateAuthCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: "forgetful", PASSWORD: NEW_PASSWORD },
        }),
      );
      assert.ok(admin.AuthenticationResult?.IdToken);
      // Resetting the password revokes the refresh tokens issued before it.
      await rejectsWith(
        t.publicIdp.send(
          new InitiateAuthCommand({
            ClientId: clientId,
            AuthFlow: "REFRESH_TOKEN_AUTH",
            AuthParameters: { REFRESH_TOKEN: refresh },
          }),
        ),
        "NotAuthorizedException",
        "Refresh Token has been revoked",
      );
      // The code is single-use.
      await rejectsWith(confirmReset("forgetful", mail.code, "Another-Pass-8"), "ExpiredCodeException");
    });

    test("a reset lifts a sign-in lockout", async () => {
      await signedUp({ poolId, clientId }, "locked");
      for (let i = 0; i < 5; i++) await signIn("locked", "Wrong-Pass-1").catch(() => {});
      await rejectsWith(
        signIn("locked", GOOD_PASSWORD),
        "NotAuthorizedException",
        "Password attempts exceeded",
      );
      await forgot("locked");
      await confirmReset("locked", (await latestMessage(t.url, poolId, "locked")).code);
      assert.ok((await signIn("locked", NEW_PASSWORD)).AuthenticationResult);
    });

    test("a wrong code is CodeMismatchException; a weak password is refused without using up the code", async () => {
      await signedUp({ poolId, clientId }, "careful");
      await forgot("careful");
      const { code } = await latestMessage(t.url, poolId, "careful");
      const wrong = code === "000000" ? "111111" : "000000";
      await rejectsWith(
        confirmReset("careful", wrong),
        "CodeMismatchException",
        "Invalid verification code provided, please try again.",
      );
      await rejectsWith(
        confirmReset("careful", code, "weak"),
        "InvalidPasswordException",
        "Password did not conform with policy: Password not long enough",
      );
      await confirmReset("careful", code);
      assert.ok((await signIn("careful", NEW_PASSWORD)).AuthenticationResult);
    });

    test("no verified email or phone is InvalidParameterException", async () => {
      await createUser(t.idp, poolId, "unverified", { email: "unverified@example.com" });
      await t.idp.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: poolId,
          Username: "unverified",
          Password: GOOD_PASSWORD,
          Permanent: true,
        }),
      );
      await rejectsWith(forgot("unverified"), "InvalidParameterException", NO_DESTINATION);
    });

    test("a user who still has a temporary password cannot reset it", async () => {
      await createUser(t.idp, poolId, "invited", { email: "invited@example.com", email_verified: "true" });
      await rejectsWith(
        forgot("invited"),
        "NotAuthorizedException",
        "User password cannot be reset in the current state.",
      );
    });

    test("AccountRecoverySetting picks the channel by priority", async () => {
      const phoneFirst = await createPoolAndClient(t.idp, {
        AutoVerifiedAttributes: ["phone_number"],
        AccountRecoverySetting: { RecoveryMechanisms: [{ Name: "verified_phone_number", Priority: 1 }] },
      });
      await signedUp(phoneFirst, "phoney", { phone_number: "+15555550199" });
      const res = await forgot("phoney", phoneFirst.clientId);
      assert.deepEqual(res.CodeDeliveryDetails, {
        Destination: "+*******0199",
        DeliveryMedium: "SMS",
        AttributeName: "phone_number",
      });
      assert.equal((await latestMessage(t.url, phoneFirst.poolId, "phoney")).channel, "SMS");

      // Only the email is verified here, and email is not a recovery mechanism of this pool.
      const emailOnlyUser = await createPoolAndClient(t.idp, {
        AutoVerifiedAttributes: ["email"],
        AccountRecoverySetting: { RecoveryMechanisms: [{ Name: "verified_phone_number", Priority: 1 }] },
      });
      await signedUp(emailOnlyUser, "mailer");
      await rejectsWith(
        forgot("mailer", emailOnlyUser.clientId),
        "InvalidParameterException",
        NO_DESTINATION,
      );
    });

    test("SECRET_HASH is required for a client with a secret", async () => {
      const p = await createPoolAndClient(
        t.idp,
        { AutoVerifiedAttributes: ["email"] },
        { GenerateSecret: true },
      );
      await rejectsWith(
        forgot("anyone", p.clientId),
        "NotAuthorizedException",
        `Client ${p.clientId} is configured with secret but SECRET_HASH was not received`,
      );
      await rejectsWith(
        t.publicIdp.send(
          new ForgotPasswordCommand({ ClientId: p.clientId, Username: "anyone", SecretHash: "d3Jvbmc=" }),
        ),
        "NotAuthorizedException",
        `Unable to verify secret hash for client ${p.clientId}`,
      );
      // With the right hash, the unknown user is reported (LEGACY).
      await rejectsWith(
        t.publicIdp.send(
          new ForgotPasswordCommand({
            ClientId: p.clientId,
            Username: "anyone",
            SecretHash: secretHash(p.clientSecret!, "anyone", p.clientId),
          }),
        ),
        "UserNotFoundException",
        NOT_FOUND,
      );
    });

    test("unknown users with PreventUserExistenceErrors LEGACY (the default): UserNotFoundException", async () => {
      await rejectsWith(forgot("nobody"), "UserNotFoundException", NOT_FOUND);
      await rejectsWith(confirmReset("nobody", "123456"), "UserNotFoundException", NOT_FOUND);
    });

    // Developer guide, "Managing user existence error responses".
    test("unknown users with PreventUserExistenceErrors ENABLED: a simulated delivery and CodeMismatchException", async () => {
      const p = await createPoolAndClient(
        t.idp,
        { AutoVerifiedAttributes: ["email"] },
        { PreventUserExistenceErrors: "ENABLED" },
      );
      const a = await forgot("nobody", p.clientId);
      assert.equal(a.CodeDeliveryDetails?.DeliveryMedium, "EMAIL");
      assert.match(a.CodeDeliveryDetails!.Destination!, /^[a-z]\*\*\*@[a-z]\*\*\*$/);
      assert.deepEqual((await forgot("nobody", p.clientId)).CodeDeliveryDetails, a.CodeDeliveryDetails);
      const byEmail = await forgot("ghost@example.org", p.clientId);
      assert.deepEqual(byEmail.CodeDeliveryDetails, {
        Destination: "g***@e***",
        DeliveryMedium: "EMAIL",
        AttributeName: "email",
      });
      await rejectsWith(
        confirmReset("nobody", "123456", NEW_PASSWORD, p.clientId),
        "CodeMismatchException",
        "Invalid verification code provided, please try again.",
      );
    });

    // Runs last: moving the clock makes later SigV4-signed calls fail the skew check, so only public calls follow it.
    test("a reset code expires after one hour", async () => {
      await signedUp({ poolId, clientId }, "slow");
      await forgot("slow");
      const { code } = await latestMessage(t.url, poolId, "slow");
      t.clock.advance(3600_000 + 1000);
      try {
        await rejectsWith(
          confirmReset("slow", code),
          "ExpiredCodeException",
          "Invalid code provided, please request a code again.",
        );
        assert.ok((await signIn("slow", GOOD_PASSWORD)).AuthenticationResult, "the old password still works");
      } finally {
        t.clock.set(new Date());
      }
    });
  });
}

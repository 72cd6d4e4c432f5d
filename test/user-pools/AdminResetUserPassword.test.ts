import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminResetUserPasswordCommand,
  AdminSetUserPasswordCommand,
  ConfirmForgotPasswordCommand,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, createUser, GOOD_PASSWORD, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, latestMessage, startTestServer, type TestServer } from "../support/server.ts";

const NEW_PASSWORD = "Fresh-Start-77";

for (const backend of BACKENDS) {
  describe(`AdminResetUserPassword (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    let clientId: string;
    before(async () => {
      t = await startTestServer({ backend });
      ({ poolId, clientId } = await createPoolAndClient(t.idp));
    });
    after(() => t.close());

    const confirmedUser = async (username: string, attrs: Record<string, string>, pool = poolId) => {
      await createUser(t.idp, pool, username, attrs);
      await t.idp.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: pool,
          Username: username,
          Password: GOOD_PASSWORD,
          Permanent: true,
        }),
      );
    };
    const reset = (Username: string, pool = poolId) =>
      t.idp.send(new AdminResetUserPasswordCommand({ UserPoolId: pool, Username }));
    const signIn = (username: string, password: string) =>
      t.idp.send(
        new AdminInitiateAuthCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: username, PASSWORD: password },
        }),
      );

    // API reference, AdminResetUserPassword: RESET_REQUIRED, a reset code to the user, PasswordResetRequiredException
    // at sign-in; the user finishes with the forgot-password flow (ConfirmForgotPassword).
    test("puts the user in RESET_REQUIRED, signs them out, and mails a code ConfirmForgotPassword accepts", async () => {
      await confirmedUser("pia", { email: "pia@example.com", email_verified: "true" });
      const { AuthenticationResult } = await signIn("pia", GOOD_PASSWORD);
      await reset("pia");

      const got = await t.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "pia" }));
      assert.equal(got.UserStatus, "RESET_REQUIRED");
      await rejectsWith(
        signIn("pia", GOOD_PASSWORD),
        "PasswordResetRequiredException",
        "Password reset required for the user",
      );
      await rejectsWith(
        t.publicIdp.send(
          new InitiateAuthCommand({
            ClientId: clientId,
            AuthFlow: "REFRESH_TOKEN_AUTH",
            AuthParameters: { REFRESH_TOKEN: AuthenticationResult!.RefreshToken! },
          }),
        ),
        "NotAuthorizedException",
        "Refresh Token has been revoked",
      );

      const msg = await latestMessage(t.url, poolId, "pia");
      assert.equal(msg.channel, "EMAIL");
      assert.equal(msg.destination, "pia@example.com");
      assert.match(msg.code, /^[0-9]{6}$/);
      await t.publicIdp.send(
        new ConfirmForgotPasswordCommand({
          ClientId: clientId,
          Username: "pia",
          ConfirmationCode: msg.code,
          Password: NEW_PASSWORD,
        }),
      );
      assert.ok((await signIn("pia", NEW_PASSWORD)).AuthenticationResult?.AccessToken);
    });

    test("a second reset while RESET_REQUIRED sends a new code", async () => {
      await confirmedUser("quy", { email: "quy@example.com", email_verified: "true" });
      await reset("quy");
      const first = await latestMessage(t.url, poolId, "quy");
      await reset("quy");
      const second = await latestMessage(t.url, poolId, "quy");
      assert.notEqual(second.code, first.code);
      await rejectsWith(
        t.publicIdp.send(
          new ConfirmForgotPasswordCommand({
            ClientId: clientId,
            Username: "quy",
            ConfirmationCode: first.code,
            Password: NEW_PASSWORD,
          }),
        ),
        "CodeMismatchException",
        "Invalid verification code provided, please try again.",
      );
    });

    // AccountRecoverySetting decides: CreateUserPool's default puts verified_email first.
    test("the code goes to the recovery destination the pool prefers", async () => {
      const both = {
        email: "rae@example.com",
        email_verified: "true",
        phone_number: "+15555550123",
        phone_number_verified: "true",
      };
      await confirmedUser("rae", both);
      await reset("rae");
      const byDefault = await latestMessage(t.url, poolId, "rae");
      assert.deepEqual([byDefault.channel, byDefault.destination], ["EMAIL", "rae@example.com"]);

      const { poolId: phoneFirst } = await createPoolAndClient(t.idp, {
        AccountRecoverySetting: {
          RecoveryMechanisms: [
            { Name: "verified_phone_number", Priority: 1 },
            { Name: "verified_email", Priority: 2 },
          ],
        },
      });
      await confirmedUser("rae", both, phoneFirst);
      await reset("rae", phoneFirst);
      const preferred = await latestMessage(t.url, phoneFirst, "rae");
      assert.deepEqual([preferred.channel, preferred.destination], ["SMS", "+15555550123"]);
    });

    test("a pool with admin-only recovery refuses, as ForgotPassword does", async () => {
      const { poolId: adminOnly } = await createPoolAndClient(t.idp, {
        AccountRecoverySetting: { RecoveryMechanisms: [{ Name: "admin_only", Priority: 1 }] },
      });
      await confirmedUser("ron", { email: "ron@example.com", email_verified: "true" }, adminOnly);
      await rejectsWith(
        reset("ron", adminOnly),
        "NotAuthorizedException",
        "Contact administrator to reset password.",
      );
      const got = await t.idp.send(new AdminGetUserCommand({ UserPoolId: adminOnly, Username: "ron" }));
      assert.equal(got.UserStatus, "CONFIRMED");
    });

    test("a user without a verified email or phone cannot be reset, and stays as they were", async () => {
      await confirmedUser("sid", { email: "sid@example.com" });
      await rejectsWith(
        reset("sid"),
        "InvalidParameterException",
        "Cannot reset password for the user as there is no registered/verified email or phone_number",
      );
      assert.ok((await signIn("sid", GOOD_PASSWORD)).AuthenticationResult?.AccessToken);
    });

    test("a user who has not set a password yet cannot be reset", async () => {
      await createUser(t.idp, poolId, "tam", { email: "tam@example.com", email_verified: "true" });
      await rejectsWith(
        reset("tam"),
        "NotAuthorizedException",
        "User password cannot be reset in the current state.",
      );
    });

    test("a disabled user cannot be reset", async () => {
      await confirmedUser("uma", { email: "uma@example.com", email_verified: "true" });
      await t.idp.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: "uma" }));
      await rejectsWith(reset("uma"), "NotAuthorizedException", "User is disabled.");
    });

    test("an unknown user is UserNotFoundException", async () => {
      await rejectsWith(reset("nobody"), "UserNotFoundException", "User does not exist.");
    });

    test("an unknown pool is ResourceNotFoundException", async () => {
      await rejectsWith(
        reset("pia", "us-east-1_Nope123"),
        "ResourceNotFoundException",
        "User pool us-east-1_Nope123 does not exist.",
      );
    });
  });
}

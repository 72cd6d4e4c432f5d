import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, GOOD_PASSWORD, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, latestMessage, startTestServer, type TestServer } from "../support/server.ts";

const attr = (list: { Name?: string; Value?: string }[] | undefined, name: string) =>
  list?.find((a) => a.Name === name)?.Value;

for (const backend of BACKENDS) {
  describe(`AdminCreateUser (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    let clientId: string;
    before(async () => {
      t = await startTestServer({ backend });
      ({ poolId, clientId } = await createPoolAndClient(t.idp));
    });
    after(() => t.close());

    const signIn = (username: string, password: string) =>
      t.idp.send(
        new AdminInitiateAuthCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: username, PASSWORD: password },
        }),
      );

    test("creates a FORCE_CHANGE_PASSWORD user and returns its UserType with the sub", async () => {
      const { User } = await t.idp.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: "ann",
          TemporaryPassword: "Temp-Pass-1",
          MessageAction: "SUPPRESS",
          UserAttributes: [{ Name: "email", Value: "ann@example.com" }],
        }),
      );
      assert.equal(User?.Username, "ann");
      assert.equal(User?.UserStatus, "FORCE_CHANGE_PASSWORD");
      assert.equal(User?.Enabled, true);
      assert.ok(User?.UserCreateDate instanceof Date && User.UserLastModifiedDate instanceof Date);
      assert.match(
        attr(User?.Attributes, "sub") ?? "",
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      );
      assert.equal(attr(User?.Attributes, "email"), "ann@example.com");
      const got = await t.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "ann" }));
      assert.equal(got.UserStatus, "FORCE_CHANGE_PASSWORD");
    });

    test("a generated temporary password is emailed and works for the first sign-in", async () => {
      await t.idp.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: "ben",
          DesiredDeliveryMediums: ["EMAIL"],
          UserAttributes: [{ Name: "email", Value: "ben@example.com" }],
        }),
      );
      const msg = await latestMessage(t.url, poolId, "ben");
      assert.equal(msg.channel, "EMAIL");
      assert.equal(msg.destination, "ben@example.com");
      // Default invitation (developer guide, "Customizing the invitation message").
      assert.equal(msg.subject, "Your temporary password");
      assert.equal(msg.body, `Your username is ben and temporary password is ${msg.code}. `);
      const res = await signIn("ben", msg.code);
      assert.equal(res.ChallengeName, "NEW_PASSWORD_REQUIRED");
    });

    test("SUPPRESS sends nothing", async () => {
      await t.idp.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: "quiet",
          MessageAction: "SUPPRESS",
          DesiredDeliveryMediums: ["EMAIL"],
          UserAttributes: [{ Name: "email", Value: "quiet@example.com" }],
        }),
      );
      await assert.rejects(latestMessage(t.url, poolId, "quiet"), /no outbox message/);
    });

    test("RESEND sends a new temporary password that replaces the old one", async () => {
      const create = (MessageAction?: "RESEND") =>
        t.idp.send(
          new AdminCreateUserCommand({
            UserPoolId: poolId,
            Username: "cat",
            DesiredDeliveryMediums: ["EMAIL"],
            UserAttributes: [{ Name: "email", Value: "cat@example.com" }],
            ...(MessageAction ? { MessageAction } : {}),
          }),
        );
      await create();
      const first = await latestMessage(t.url, poolId, "cat");
      const { User } = await create("RESEND");
      assert.equal(User?.Username, "cat");
      const second = await latestMessage(t.url, poolId, "cat");
      assert.notEqual(second.code, first.code);
      await rejectsWith(
        signIn("cat", first.code),
        "NotAuthorizedException",
        "Incorrect username or password.",
      );
      assert.equal((await signIn("cat", second.code)).ChallengeName, "NEW_PASSWORD_REQUIRED");
    });

    test("RESEND for an unknown user is UserNotFoundException", async () => {
      await rejectsWith(
        t.idp.send(
          new AdminCreateUserCommand({ UserPoolId: poolId, Username: "nobody", MessageAction: "RESEND" }),
        ),
        "UserNotFoundException",
        "User does not exist.",
      );
    });

    test("RESEND for a user who already set a password is UnsupportedUserStateException", async () => {
      await t.idp.send(
        new AdminCreateUserCommand({ UserPoolId: poolId, Username: "dan", MessageAction: "SUPPRESS" }),
      );
      await t.idp.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: poolId,
          Username: "dan",
          Password: GOOD_PASSWORD,
          Permanent: true,
        }),
      );
      await rejectsWith(
        t.idp.send(
          new AdminCreateUserCommand({ UserPoolId: poolId, Username: "dan", MessageAction: "RESEND" }),
        ),
        "UnsupportedUserStateException",
        /status is not FORCE_CHANGE_PASSWORD/,
      );
    });

    test("a duplicate username is UsernameExistsException", async () => {
      await t.idp.send(
        new AdminCreateUserCommand({ UserPoolId: poolId, Username: "eve", MessageAction: "SUPPRESS" }),
      );
      await rejectsWith(
        t.idp.send(
          new AdminCreateUserCommand({ UserPoolId: poolId, Username: "eve", MessageAction: "SUPPRESS" }),
        ),
        "UsernameExistsException",
        "User account already exists",
      );
    });

    test("a temporary password that breaks the policy is InvalidPasswordException and creates nobody", async () => {
      const create = (TemporaryPassword: string) =>
        t.idp.send(
          new AdminCreateUserCommand({
            UserPoolId: poolId,
            Username: "weak",
            TemporaryPassword,
            MessageAction: "SUPPRESS",
          }),
        );
      await rejectsWith(
        create("Ab1!"),
        "InvalidPasswordException",
        "Password did not conform with policy: Password not long enough",
      );
      await rejectsWith(
        create("abcdefg1!"),
        "InvalidPasswordException",
        "Password did not conform with policy: Password must have uppercase characters",
      );
      await rejectsWith(
        t.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "weak" })),
        "UserNotFoundException",
        "User does not exist.",
      );
    });

    test("an unknown pool is ResourceNotFoundException", async () => {
      await rejectsWith(
        t.idp.send(new AdminCreateUserCommand({ UserPoolId: "us-east-1_Nope123", Username: "x" })),
        "ResourceNotFoundException",
        "User pool us-east-1_Nope123 does not exist.",
      );
    });

    describe("in a pool whose username attribute is email", () => {
      let emailPool: string;
      before(async () => {
        ({ poolId: emailPool } = await createPoolAndClient(t.idp, { UsernameAttributes: ["email"] }));
      });

      test("the username becomes the sub and the user is found by email", async () => {
        const { User } = await t.idp.send(
          new AdminCreateUserCommand({
            UserPoolId: emailPool,
            Username: "fay@example.com",
            MessageAction: "SUPPRESS",
          }),
        );
        const sub = attr(User?.Attributes, "sub");
        assert.ok(sub);
        assert.equal(User?.Username, sub);
        assert.equal(attr(User?.Attributes, "email"), "fay@example.com");
        const byEmail = await t.idp.send(
          new AdminGetUserCommand({ UserPoolId: emailPool, Username: "fay@example.com" }),
        );
        assert.equal(byEmail.Username, sub);
        const bySub = await t.idp.send(new AdminGetUserCommand({ UserPoolId: emailPool, Username: sub }));
        assert.equal(bySub.Username, sub);
      });

      test("a second user with the same email is UsernameExistsException", async () => {
        await t.idp.send(
          new AdminCreateUserCommand({
            UserPoolId: emailPool,
            Username: "gil@example.com",
            MessageAction: "SUPPRESS",
          }),
        );
        await rejectsWith(
          t.idp.send(
            new AdminCreateUserCommand({
              UserPoolId: emailPool,
              Username: "gil@example.com",
              MessageAction: "SUPPRESS",
            }),
          ),
          "UsernameExistsException",
          "An account with the given email already exists.",
        );
      });

      test("a username that is not an email is InvalidParameterException", async () => {
        await rejectsWith(
          t.idp.send(
            new AdminCreateUserCommand({
              UserPoolId: emailPool,
              Username: "plainname",
              MessageAction: "SUPPRESS",
            }),
          ),
          "InvalidParameterException",
          "Username should be an email.",
        );
      });
    });
  });
}

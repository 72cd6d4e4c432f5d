import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AdminConfirmSignUpCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, createUser, GOOD_PASSWORD, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";

for (const backend of BACKENDS) {
  describe(`AdminConfirmSignUp (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    let clientId: string;
    before(async () => {
      t = await startTestServer({ backend });
      ({ poolId, clientId } = await createPoolAndClient(t.idp));
    });
    after(() => t.close());

    const signUp = (Username: string) =>
      t.publicIdp.send(
        new SignUpCommand({
          ClientId: clientId,
          Username,
          Password: GOOD_PASSWORD,
          UserAttributes: [{ Name: "email", Value: `${Username}@example.com` }],
        }),
      );
    const confirm = (Username: string) =>
      t.idp.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username }));
    const signIn = (username: string) =>
      t.idp.send(
        new AdminInitiateAuthCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: username, PASSWORD: GOOD_PASSWORD },
        }),
      );

    test("confirms a signed-up user, who can then sign in", async () => {
      await signUp("mia");
      await rejectsWith(signIn("mia"), "UserNotConfirmedException", "User is not confirmed.");
      await confirm("mia");
      const got = await t.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "mia" }));
      assert.equal(got.UserStatus, "CONFIRMED");
      assert.ok((await signIn("mia")).AuthenticationResult?.AccessToken);
    });

    // The same answer ConfirmSignUp gives for a confirmed user.
    test("a user who is not UNCONFIRMED cannot be confirmed", async () => {
      await signUp("ned");
      await confirm("ned");
      await rejectsWith(
        confirm("ned"),
        "NotAuthorizedException",
        "User cannot be confirmed. Current status is CONFIRMED",
      );
      await createUser(t.idp, poolId, "ola");
      await rejectsWith(
        confirm("ola"),
        "NotAuthorizedException",
        "User cannot be confirmed. Current status is FORCE_CHANGE_PASSWORD",
      );
    });

    test("an unknown user is UserNotFoundException", async () => {
      await rejectsWith(confirm("nobody"), "UserNotFoundException", "User does not exist.");
    });

    test("an unknown pool is ResourceNotFoundException", async () => {
      await rejectsWith(
        t.idp.send(new AdminConfirmSignUpCommand({ UserPoolId: "us-east-1_Nope123", Username: "mia" })),
        "ResourceNotFoundException",
        "User pool us-east-1_Nope123 does not exist.",
      );
    });
  });
}

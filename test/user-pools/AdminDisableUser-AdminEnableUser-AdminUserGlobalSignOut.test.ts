import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  AdminUserGlobalSignOutCommand,
  InitiateAuthCommand,
  ListUsersCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, createUser, GOOD_PASSWORD, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";

const UNKNOWN_POOL = "us-east-1_Nope123";

for (const backend of BACKENDS) {
  describe(`AdminDisableUser / AdminEnableUser / AdminUserGlobalSignOut (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    let clientId: string;
    before(async () => {
      t = await startTestServer({ backend });
      ({ poolId, clientId } = await createPoolAndClient(t.idp));
    });
    after(() => t.close());

    const confirmedUser = async (username: string) => {
      await createUser(t.idp, poolId, username);
      await t.idp.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: poolId,
          Username: username,
          Password: GOOD_PASSWORD,
          Permanent: true,
        }),
      );
    };
    const signIn = (username: string) =>
      t.idp.send(
        new AdminInitiateAuthCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: username, PASSWORD: GOOD_PASSWORD },
        }),
      );
    const refresh = (token: string) =>
      t.publicIdp.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: "REFRESH_TOKEN_AUTH",
          AuthParameters: { REFRESH_TOKEN: token },
        }),
      );
    const enabled = async (Username: string) =>
      (await t.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username }))).Enabled;

    describe("AdminDisableUser", () => {
      // API reference, AdminDisableUser: "Deactivates a user profile and revokes all access tokens for the user.
      // A deactivated user can't sign in, but still appears in the responses to ListUsers".
      test("a disabled user cannot sign in, their sessions are revoked, and ListUsers still shows them", async () => {
        await confirmedUser("olga");
        const { AuthenticationResult } = await signIn("olga");
        await t.idp.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: "olga" }));
        assert.equal(await enabled("olga"), false);
        await rejectsWith(signIn("olga"), "NotAuthorizedException", "User is disabled.");
        await rejectsWith(
          refresh(AuthenticationResult!.RefreshToken!),
          "NotAuthorizedException",
          "Refresh Token has been revoked",
        );
        const { Users } = await t.idp.send(
          new ListUsersCommand({ UserPoolId: poolId, Filter: 'username = "olga"' }),
        );
        assert.equal(Users?.length, 1);
        assert.equal(Users?.[0]?.Enabled, false);
      });

      test("an unknown user is UserNotFoundException", async () => {
        await rejectsWith(
          t.idp.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: "nobody" })),
          "UserNotFoundException",
          "User does not exist.",
        );
      });

      test("an unknown pool is ResourceNotFoundException", async () => {
        await rejectsWith(
          t.idp.send(new AdminDisableUserCommand({ UserPoolId: UNKNOWN_POOL, Username: "olga" })),
          "ResourceNotFoundException",
          `User pool ${UNKNOWN_POOL} does not exist.`,
        );
      });
    });

    describe("AdminEnableUser", () => {
      test("an enabled user signs in again; sessions revoked while disabled stay revoked", async () => {
        await confirmedUser("pete");
        const { AuthenticationResult } = await signIn("pete");
        await t.idp.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: "pete" }));
        await t.idp.send(new AdminEnableUserCommand({ UserPoolId: poolId, Username: "pete" }));
        assert.equal(await enabled("pete"), true);
        assert.ok((await signIn("pete")).AuthenticationResult?.AccessToken);
        await rejectsWith(
          refresh(AuthenticationResult!.RefreshToken!),
          "NotAuthorizedException",
          "Refresh Token has been revoked",
        );
      });

      test("enabling an enabled user changes nothing", async () => {
        await confirmedUser("quin");
        await t.idp.send(new AdminEnableUserCommand({ UserPoolId: poolId, Username: "quin" }));
        assert.equal(await enabled("quin"), true);
      });

      test("an unknown user is UserNotFoundException", async () => {
        await rejectsWith(
          t.idp.send(new AdminEnableUserCommand({ UserPoolId: poolId, Username: "nobody" })),
          "UserNotFoundException",
          "User does not exist.",
        );
      });

      test("an unknown pool is ResourceNotFoundException", async () => {
        await rejectsWith(
          t.idp.send(new AdminEnableUserCommand({ UserPoolId: UNKNOWN_POOL, Username: "pete" })),
          "ResourceNotFoundException",
          `User pool ${UNKNOWN_POOL} does not exist.`,
        );
      });
    });

    describe("AdminUserGlobalSignOut", () => {
      test("revokes every session of the user, not of others; the user can sign in again", async () => {
        await confirmedUser("rosa");
        await confirmedUser("sven");
        const first = await signIn("rosa");
        const second = await signIn("rosa");
        const other = await signIn("sven");
        await t.idp.send(new AdminUserGlobalSignOutCommand({ UserPoolId: poolId, Username: "rosa" }));
        await rejectsWith(
          refresh(first.AuthenticationResult!.RefreshToken!),
          "NotAuthorizedException",
          "Refresh Token has been revoked",
        );
        await rejectsWith(
          refresh(second.AuthenticationResult!.RefreshToken!),
          "NotAuthorizedException",
          "Refresh Token has been revoked",
        );
        assert.ok(
          (await refresh(other.AuthenticationResult!.RefreshToken!)).AuthenticationResult?.AccessToken,
        );
        const again = await signIn("rosa");
        assert.ok(
          (await refresh(again.AuthenticationResult!.RefreshToken!)).AuthenticationResult?.AccessToken,
        );
      });

      test("an unknown user is UserNotFoundException", async () => {
        await rejectsWith(
          t.idp.send(new AdminUserGlobalSignOutCommand({ UserPoolId: poolId, Username: "nobody" })),
          "UserNotFoundException",
          "User does not exist.",
        );
      });

      test("an unknown pool is ResourceNotFoundException", async () => {
        await rejectsWith(
          t.idp.send(new AdminUserGlobalSignOutCommand({ UserPoolId: UNKNOWN_POOL, Username: "rosa" })),
          "ResourceNotFoundException",
          `User pool ${UNKNOWN_POOL} does not exist.`,
        );
      });
    });
  });
}

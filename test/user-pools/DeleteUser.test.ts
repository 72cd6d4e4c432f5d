import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AdminAddUserToGroupCommand,
  AdminGetUserCommand,
  CreateGroupCommand,
  DeleteUserCommand,
  GetUserCommand,
  InitiateAuthCommand,
  ListUsersInGroupCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";
import { signedInUser, signIn } from "../support/signed-in.ts";

for (const backend of BACKENDS) {
  describe(`DeleteUser (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    let clientId: string;
    before(async () => {
      t = await startTestServer({ backend });
      ({ poolId, clientId } = await createPoolAndClient(t.idp));
      await t.idp.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: "members" }));
    });
    after(() => t.close());

    // API reference, DeleteUser: "A deleted user profile can no longer be used to sign in and can't be restored."
    test("deletes the user with their sessions and group memberships; the name can be used again", async () => {
      const tokens = await signedInUser(t, poolId, clientId, "vic", { email: "vic@example.com" });
      await t.idp.send(
        new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: "vic", GroupName: "members" }),
      );
      const res = await t.publicIdp.send(new DeleteUserCommand({ AccessToken: tokens.AccessToken! }));
      assert.deepEqual(Object.keys(res), ["$metadata"]);

      await rejectsWith(
        t.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "vic" })),
        "UserNotFoundException",
        "User does not exist.",
      );
      await rejectsWith(signIn(t, clientId, "vic"), "UserNotFoundException", "User does not exist.");
      await rejectsWith(
        t.publicIdp.send(
          new InitiateAuthCommand({
            ClientId: clientId,
            AuthFlow: "REFRESH_TOKEN_AUTH",
            AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! },
          }),
        ),
        "NotAuthorizedException",
        "Invalid Refresh Token",
      );
      await rejectsWith(
        t.publicIdp.send(new GetUserCommand({ AccessToken: tokens.AccessToken! })),
        "NotAuthorizedException",
        "Access Token has been revoked",
      );
      const members = await t.idp.send(
        new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: "members" }),
      );
      assert.deepEqual(members.Users, []);

      const again = await signedInUser(t, poolId, clientId, "vic");
      assert.equal(
        (await t.publicIdp.send(new GetUserCommand({ AccessToken: again.AccessToken! }))).UserAttributes!
          .length,
        1,
      );
    });

    test("deleting one user leaves the others alone", async () => {
      const a = await signedInUser(t, poolId, clientId, "wes");
      const b = await signedInUser(t, poolId, clientId, "xia");
      await t.publicIdp.send(new DeleteUserCommand({ AccessToken: a.AccessToken! }));
      assert.equal(
        (await t.publicIdp.send(new GetUserCommand({ AccessToken: b.AccessToken! }))).Username,
        "xia",
      );
    });

    test("an invalid or ID token deletes nothing", async () => {
      const tokens = await signedInUser(t, poolId, clientId, "yan");
      await rejectsWith(
        t.publicIdp.send(new DeleteUserCommand({ AccessToken: "nope" })),
        "NotAuthorizedException",
        "Invalid Access Token",
      );
      await rejectsWith(
        t.publicIdp.send(new DeleteUserCommand({ AccessToken: tokens.IdToken! })),
        "NotAuthorizedException",
        "Invalid Access Token",
      );
      assert.equal(
        (await t.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "yan" }))).Username,
        "yan",
      );
    });
  });
}

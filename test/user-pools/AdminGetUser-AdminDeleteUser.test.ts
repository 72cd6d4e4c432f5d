import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AdminAddUserToGroupCommand,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  CreateGroupCommand,
  InitiateAuthCommand,
  ListUsersInGroupCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, createUser, GOOD_PASSWORD, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";

const UNKNOWN_POOL = "us-east-1_Nope123";

for (const backend of BACKENDS) {
  describe(`AdminGetUser / AdminDeleteUser (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    let clientId: string;
    before(async () => {
      t = await startTestServer({ backend });
      ({ poolId, clientId } = await createPoolAndClient(t.idp));
    });
    after(() => t.close());

    describe("AdminGetUser", () => {
      test("returns the user with its attributes, sub first, and no MFA members when none are set", async () => {
        await createUser(t.idp, poolId, "gina", { email: "gina@example.com", given_name: "Gina" });
        const got = await t.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "gina" }));
        assert.equal(got.Username, "gina");
        assert.equal(got.Enabled, true);
        assert.equal(got.UserStatus, "FORCE_CHANGE_PASSWORD");
        // Dates come from the server's clock (a ManualClock here).
        const now = t.clock.nowMs();
        assert.equal(got.UserCreateDate?.getTime(), now);
        assert.equal(got.UserLastModifiedDate?.getTime(), now);
        assert.equal(got.UserAttributes?.[0]?.Name, "sub");
        const attrs = Object.fromEntries((got.UserAttributes ?? []).map((a) => [a.Name, a.Value]));
        assert.equal(attrs.email, "gina@example.com");
        assert.equal(attrs.given_name, "Gina");
        assert.equal(got.MFAOptions, undefined);
        assert.equal(got.PreferredMfaSetting, undefined);
        assert.equal(got.UserMFASettingList, undefined);
      });

      test("finds the user by sub too", async () => {
        await createUser(t.idp, poolId, "hank");
        const byName = await t.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "hank" }));
        const sub = byName.UserAttributes?.find((a) => a.Name === "sub")?.Value;
        const bySub = await t.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: sub }));
        assert.equal(bySub.Username, "hank");
      });

      test("an unknown user is UserNotFoundException", async () => {
        await rejectsWith(
          t.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "nobody" })),
          "UserNotFoundException",
          "User does not exist.",
        );
      });

      test("an unknown pool is ResourceNotFoundException", async () => {
        await rejectsWith(
          t.idp.send(new AdminGetUserCommand({ UserPoolId: UNKNOWN_POOL, Username: "gina" })),
          "ResourceNotFoundException",
          `User pool ${UNKNOWN_POOL} does not exist.`,
        );
      });
    });

    describe("AdminDeleteUser", () => {
      test("deletes the user, their group memberships and their sessions; the name is free again", async () => {
        await createUser(t.idp, poolId, "ivan");
        await t.idp.send(
          new AdminSetUserPasswordCommand({
            UserPoolId: poolId,
            Username: "ivan",
            Password: GOOD_PASSWORD,
            Permanent: true,
          }),
        );
        await t.idp.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: "staff" }));
        await t.idp.send(
          new AdminAddUserToGroupCommand({ UserPoolId: poolId, GroupName: "staff", Username: "ivan" }),
        );
        const { AuthenticationResult } = await t.idp.send(
          new AdminInitiateAuthCommand({
            UserPoolId: poolId,
            ClientId: clientId,
            AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
            AuthParameters: { USERNAME: "ivan", PASSWORD: GOOD_PASSWORD },
          }),
        );

        const res = await t.idp.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: "ivan" }));
        assert.equal(res.$metadata.httpStatusCode, 200);
        await rejectsWith(
          t.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "ivan" })),
          "UserNotFoundException",
          "User does not exist.",
        );
        const { Users } = await t.idp.send(
          new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: "staff" }),
        );
        assert.deepEqual(Users, []);
        await rejectsWith(
          t.publicIdp.send(
            new InitiateAuthCommand({
              ClientId: clientId,
              AuthFlow: "REFRESH_TOKEN_AUTH",
              AuthParameters: { REFRESH_TOKEN: AuthenticationResult!.RefreshToken! },
            }),
          ),
          "NotAuthorizedException",
          "Invalid Refresh Token",
        );
        await createUser(t.idp, poolId, "ivan");
        const again = await t.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "ivan" }));
        assert.equal(again.UserStatus, "FORCE_CHANGE_PASSWORD");
      });

      test("an unknown user is UserNotFoundException", async () => {
        await rejectsWith(
          t.idp.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: "nobody" })),
          "UserNotFoundException",
          "User does not exist.",
        );
      });

      test("an unknown pool is ResourceNotFoundException", async () => {
        await rejectsWith(
          t.idp.send(new AdminDeleteUserCommand({ UserPoolId: UNKNOWN_POOL, Username: "gina" })),
          "ResourceNotFoundException",
          `User pool ${UNKNOWN_POOL} does not exist.`,
        );
      });
    });
  });
}

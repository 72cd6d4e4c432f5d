import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AdminAddUserToGroupCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  CreateGroupCommand,
  DeleteGroupCommand,
  GetGroupCommand,
  ListGroupsCommand,
  ListUsersInGroupCommand,
  UpdateGroupCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, createUser, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";

const ROLE = "arn:aws:iam::123456789012:role/admins";

for (const backend of BACKENDS) {
  describe(`groups (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    before(async () => {
      t = await startTestServer({ backend });
      ({ poolId } = await createPoolAndClient(t.idp));
    });
    after(() => t.close());

    describe("CreateGroup / GetGroup", () => {
      test("creates a group and reads it back with every GroupType member", async () => {
        // Server time is the test clock (a ManualClock), not the wall clock.
        const before = Math.floor(t.clock.nowMs() / 1000);
        const { Group } = await t.idp.send(
          new CreateGroupCommand({
            UserPoolId: poolId,
            GroupName: "admins",
            Description: "Admins",
            RoleArn: ROLE,
            Precedence: 1,
          }),
        );
        assert.equal(Group?.GroupName, "admins");
        assert.equal(Group?.UserPoolId, poolId);
        assert.equal(Group?.Description, "Admins");
        assert.equal(Group?.RoleArn, ROLE);
        assert.equal(Group?.Precedence, 1);
        assert.ok(Group?.CreationDate instanceof Date && Group.CreationDate.getTime() / 1000 >= before);
        assert.ok(Group?.LastModifiedDate instanceof Date);

        const got = await t.idp.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: "admins" }));
        assert.deepEqual(got.Group, Group);
      });

      test("a second group with the same name is GroupExistsException", async () => {
        await t.idp.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: "dupe" }));
        await rejectsWith(
          t.idp.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: "dupe" })),
          "GroupExistsException",
          "A group with the name dupe already exists.",
        );
      });

      test("an unknown pool is ResourceNotFoundException", async () => {
        await rejectsWith(
          t.idp.send(new CreateGroupCommand({ UserPoolId: "us-east-1_nothere1", GroupName: "x" })),
          "ResourceNotFoundException",
          "User pool us-east-1_nothere1 does not exist.",
        );
      });

      test("a negative Precedence is refused by validation", async () => {
        await rejectsWith(
          t.idp.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: "neg", Precedence: -1 })),
          "InvalidParameterException",
          /precedence/,
        );
      });

      test("an unknown group is ResourceNotFoundException: Group not found.", async () => {
        await rejectsWith(
          t.idp.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: "ghost" })),
          "ResourceNotFoundException",
          "Group not found.",
        );
      });
    });

    describe("UpdateGroup", () => {
      test("changes the given members and keeps the others", async () => {
        await t.idp.send(
          new CreateGroupCommand({
            UserPoolId: poolId,
            GroupName: "editors",
            Description: "old",
            Precedence: 5,
          }),
        );
        const { Group } = await t.idp.send(
          new UpdateGroupCommand({
            UserPoolId: poolId,
            GroupName: "editors",
            Description: "new",
            RoleArn: ROLE,
          }),
        );
        assert.equal(Group?.Description, "new");
        assert.equal(Group?.RoleArn, ROLE);
        assert.equal(Group?.Precedence, 5);
        const got = await t.idp.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: "editors" }));
        assert.equal(got.Group?.Description, "new");
        assert.equal(got.Group?.Precedence, 5);
      });

      test("an unknown group is ResourceNotFoundException", async () => {
        await rejectsWith(
          t.idp.send(new UpdateGroupCommand({ UserPoolId: poolId, GroupName: "ghost", Description: "x" })),
          "ResourceNotFoundException",
          "Group not found.",
        );
      });
    });

    describe("DeleteGroup", () => {
      test("deletes the group and its memberships", async () => {
        await t.idp.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: "doomed" }));
        await createUser(t.idp, poolId, "member-of-doomed");
        await t.idp.send(
          new AdminAddUserToGroupCommand({
            UserPoolId: poolId,
            GroupName: "doomed",
            Username: "member-of-doomed",
          }),
        );
        await t.idp.send(new DeleteGroupCommand({ UserPoolId: poolId, GroupName: "doomed" }));
        await rejectsWith(
          t.idp.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: "doomed" })),
          "ResourceNotFoundException",
          "Group not found.",
        );
        const { Groups } = await t.idp.send(
          new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: "member-of-doomed" }),
        );
        assert.deepEqual(Groups, []);
      });

      test("an unknown group is ResourceNotFoundException", async () => {
        await rejectsWith(
          t.idp.send(new DeleteGroupCommand({ UserPoolId: poolId, GroupName: "ghost" })),
          "ResourceNotFoundException",
          "Group not found.",
        );
      });
    });

    describe("ListGroups", () => {
      test("pages with Limit and an opaque NextToken until every group is seen", async () => {
        const { poolId: p } = await createPoolAndClient(t.idp);
        const names = ["g1", "g2", "g3", "g4", "g5"];
        for (const GroupName of names) await t.idp.send(new CreateGroupCommand({ UserPoolId: p, GroupName }));
        const seen: string[] = [];
        const sizes: number[] = [];
        let NextToken: string | undefined;
        do {
          const page = await t.idp.send(new ListGroupsCommand({ UserPoolId: p, Limit: 2, NextToken }));
          sizes.push(page.Groups!.length);
          seen.push(...page.Groups!.map((g) => g.GroupName!));
          if (page.NextToken)
            assert.ok(!names.includes(page.NextToken), "the token does not expose the group name");
          NextToken = page.NextToken;
        } while (NextToken);
        assert.deepEqual(sizes, [2, 2, 1]);
        assert.deepEqual(seen, names);
      });

      test("without Limit returns every group and no NextToken", async () => {
        const { poolId: p } = await createPoolAndClient(t.idp);
        await t.idp.send(new CreateGroupCommand({ UserPoolId: p, GroupName: "only" }));
        const page = await t.idp.send(new ListGroupsCommand({ UserPoolId: p }));
        assert.deepEqual(
          page.Groups?.map((g) => g.GroupName),
          ["only"],
        );
        assert.equal(page.NextToken, undefined);
      });

      test("a token cognate did not issue is InvalidParameterException", async () => {
        await rejectsWith(
          t.idp.send(new ListGroupsCommand({ UserPoolId: poolId, NextToken: "not-a-token" })),
          "InvalidParameterException",
        );
      });

      test("an unknown pool is ResourceNotFoundException", async () => {
        await rejectsWith(
          t.idp.send(new ListGroupsCommand({ UserPoolId: "us-east-1_nothere1" })),
          "ResourceNotFoundException",
        );
      });
    });

    describe("AdminAddUserToGroup / AdminRemoveUserFromGroup / AdminListGroupsForUser / ListUsersInGroup", () => {
      test("membership shows on both sides and goes away on removal", async () => {
        await t.idp.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: "readers", Precedence: 3 }));
        await createUser(t.idp, poolId, "alice", { email: "alice@example.com" });
        await t.idp.send(
          new AdminAddUserToGroupCommand({ UserPoolId: poolId, GroupName: "readers", Username: "alice" }),
        );
        // Adding again is not an error and does not duplicate the membership.
        await t.idp.send(
          new AdminAddUserToGroupCommand({ UserPoolId: poolId, GroupName: "readers", Username: "alice" }),
        );

        const forUser = await t.idp.send(
          new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: "alice" }),
        );
        assert.deepEqual(
          forUser.Groups?.map((g) => [g.GroupName, g.Precedence]),
          [["readers", 3]],
        );
        const inGroup = await t.idp.send(
          new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: "readers" }),
        );
        assert.deepEqual(
          inGroup.Users?.map((u) => u.Username),
          ["alice"],
        );
        assert.equal(inGroup.Users?.[0]?.UserStatus, "FORCE_CHANGE_PASSWORD");
        assert.ok(
          inGroup.Users?.[0]?.Attributes?.some((a) => a.Name === "email" && a.Value === "alice@example.com"),
        );

        await t.idp.send(
          new AdminRemoveUserFromGroupCommand({
            UserPoolId: poolId,
            GroupName: "readers",
            Username: "alice",
          }),
        );
        const after = await t.idp.send(
          new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: "readers" }),
        );
        assert.deepEqual(after.Users, []);
      });

      test("an unknown user is UserNotFoundException and an unknown group ResourceNotFoundException", async () => {
        await t.idp.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: "g-errors" }));
        await createUser(t.idp, poolId, "bob");
        await rejectsWith(
          t.idp.send(
            new AdminAddUserToGroupCommand({ UserPoolId: poolId, GroupName: "g-errors", Username: "nobody" }),
          ),
          "UserNotFoundException",
          "User does not exist.",
        );
        await rejectsWith(
          t.idp.send(
            new AdminAddUserToGroupCommand({ UserPoolId: poolId, GroupName: "ghost", Username: "bob" }),
          ),
          "ResourceNotFoundException",
          "Group not found.",
        );
        await rejectsWith(
          t.idp.send(
            new AdminRemoveUserFromGroupCommand({ UserPoolId: poolId, GroupName: "ghost", Username: "bob" }),
          ),
          "ResourceNotFoundException",
          "Group not found.",
        );
        await rejectsWith(
          t.idp.send(
            new AdminRemoveUserFromGroupCommand({
              UserPoolId: poolId,
              GroupName: "g-errors",
              Username: "nobody",
            }),
          ),
          "UserNotFoundException",
          "User does not exist.",
        );
        await rejectsWith(
          t.idp.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: "nobody" })),
          "UserNotFoundException",
          "User does not exist.",
        );
        await rejectsWith(
          t.idp.send(new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: "ghost" })),
          "ResourceNotFoundException",
          "Group not found.",
        );
      });

      test("AdminListGroupsForUser and ListUsersInGroup page with Limit and NextToken", async () => {
        const { poolId: p } = await createPoolAndClient(t.idp);
        for (const GroupName of ["a", "b", "c"])
          await t.idp.send(new CreateGroupCommand({ UserPoolId: p, GroupName }));
        for (const u of ["u1", "u2", "u3"]) {
          await createUser(t.idp, p, u);
          for (const GroupName of ["a", "b", "c"])
            await t.idp.send(new AdminAddUserToGroupCommand({ UserPoolId: p, GroupName, Username: u }));
        }
        const groups: string[] = [];
        let NextToken: string | undefined;
        do {
          const page = await t.idp.send(
            new AdminListGroupsForUserCommand({ UserPoolId: p, Username: "u2", Limit: 2, NextToken }),
          );
          assert.ok(page.Groups!.length <= 2);
          groups.push(...page.Groups!.map((g) => g.GroupName!));
          NextToken = page.NextToken;
        } while (NextToken);
        assert.deepEqual(groups, ["a", "b", "c"]);

        const users: string[] = [];
        let pages = 0;
        do {
          const page = await t.idp.send(
            new ListUsersInGroupCommand({ UserPoolId: p, GroupName: "b", Limit: 1, NextToken }),
          );
          pages++;
          users.push(...page.Users!.map((u) => u.Username!));
          NextToken = page.NextToken;
        } while (NextToken);
        assert.equal(pages, 3);
        assert.deepEqual(users.sort(), ["u1", "u2", "u3"]);
      });
    });
  });
}

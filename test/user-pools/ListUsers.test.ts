import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  ListUsersCommand,
  type ListUsersCommandInput,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, createUser, GOOD_PASSWORD, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";

for (const backend of BACKENDS) {
  describe(`ListUsers (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    let carolSub: string;
    before(async () => {
      t = await startTestServer({ backend });
      ({ poolId } = await createPoolAndClient(t.idp));
      await createUser(t.idp, poolId, "alice", { email: "alice@example.com", given_name: "Alice" });
      await createUser(t.idp, poolId, "albert", { email: "albert@example.com", given_name: "Albert" });
      await createUser(t.idp, poolId, "bob", { email: "bob@example.org", name: 'Bob "The Builder"' });
      await createUser(t.idp, poolId, "carol", { email: "carol@example.org" });
      await t.idp.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: poolId,
          Username: "bob",
          Password: GOOD_PASSWORD,
          Permanent: true,
        }),
      );
      await t.idp.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: "carol" }));
      const carol = await t.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "carol" }));
      carolSub = carol.UserAttributes!.find((a) => a.Name === "sub")!.Value!;
    });
    after(() => t.close());

    const list = (input: Omit<ListUsersCommandInput, "UserPoolId"> = {}, pool = poolId) =>
      t.idp.send(new ListUsersCommand({ UserPoolId: pool, ...input }));
    const names = async (Filter: string) =>
      ((await list({ Filter })).Users ?? []).map((u) => u.Username).sort();

    test("lists every user with the UserType members", async () => {
      const { Users, PaginationToken } = await list();
      assert.deepEqual(Users?.map((u) => u.Username).sort(), ["albert", "alice", "bob", "carol"]);
      assert.equal(PaginationToken, undefined);
      const bob = Users?.find((u) => u.Username === "bob");
      assert.equal(bob?.UserStatus, "CONFIRMED");
      assert.equal(bob?.Enabled, true);
      assert.ok(bob?.UserCreateDate instanceof Date && bob.UserLastModifiedDate instanceof Date);
      assert.deepEqual(bob?.Attributes?.map((a) => a.Name).sort(), ["email", "name", "sub"]);
      assert.equal(Users?.find((u) => u.Username === "carol")?.Enabled, false);
    });

    // Filter forms from the API reference: `attribute = "value"` and `attribute ^= "value"`.
    test("filters on email, exactly or by prefix, with or without spaces", async () => {
      assert.deepEqual(await names('email = "alice@example.com"'), ["alice"]);
      assert.deepEqual(await names('email="alice@example.com"'), ["alice"]);
      assert.deepEqual(await names('email ^= "al"'), ["albert", "alice"]);
      assert.deepEqual(await names('email ^= "alice@example.co"'), ["alice"]);
      assert.deepEqual(await names('email = "ALICE@example.com"'), []);
      assert.deepEqual(await names('email ^= "zed"'), []);
    });

    test("filters on status (Enabled/Disabled), cognito:user_status, username, sub and given_name", async () => {
      assert.deepEqual(await names('status = "Disabled"'), ["carol"]);
      assert.deepEqual(await names('status = "Enabled"'), ["albert", "alice", "bob"]);
      assert.deepEqual(await names('cognito:user_status = "CONFIRMED"'), ["bob"]);
      assert.deepEqual(await names('cognito:user_status = "FORCE_CHANGE_PASSWORD"'), [
        "albert",
        "alice",
        "carol",
      ]);
      assert.deepEqual(await names('username ^= "al"'), ["albert", "alice"]);
      assert.deepEqual(await names(`sub = "${carolSub}"`), ["carol"]);
      assert.deepEqual(await names('given_name = "Albert"'), ["albert"]);
    });

    test("escaped quotes in the value match the stored text", async () => {
      assert.deepEqual(await names('name = "Bob \\"The Builder\\""'), ["bob"]);
      assert.deepEqual(await names('name ^= "Bob \\"The"'), ["bob"]);
    });

    test("an empty filter lists everyone", async () => {
      assert.equal((await list({ Filter: "" })).Users?.length, 4);
    });

    test("attributes Cognito cannot search are InvalidParameterException", async () => {
      await rejectsWith(
        list({ Filter: 'custom:tier = "gold"' }),
        "InvalidParameterException",
        "Invalid search attribute: custom:tier",
      );
      await rejectsWith(
        list({ Filter: 'nickname = "x"' }),
        "InvalidParameterException",
        "Invalid search attribute: nickname",
      );
    });

    test("a filter that does not parse is InvalidParameterException", async () => {
      await rejectsWith(
        list({ Filter: "email" }),
        "InvalidParameterException",
        "Error while parsing filter.",
      );
      await rejectsWith(
        list({ Filter: 'email ~= "a"' }),
        "InvalidParameterException",
        "Error while parsing filter.",
      );
    });

    test("AttributesToGet returns only the named attributes", async () => {
      const { Users } = await list({ AttributesToGet: ["email"], Filter: 'username ^= "al"' });
      assert.equal(Users?.length, 2);
      for (const u of Users ?? []) {
        assert.deepEqual(
          u.Attributes?.map((a) => a.Name),
          ["email"],
        );
        assert.equal(u.Attributes?.[0]?.Value, `${u.Username}@example.com`);
      }
      const withSub = await list({ AttributesToGet: ["sub", "given_name"], Filter: 'username = "alice"' });
      assert.deepEqual(
        withSub.Users?.[0]?.Attributes?.map((a) => a.Name),
        ["sub", "given_name"],
      );
    });

    test("pages through the users with an opaque PaginationToken", async () => {
      const seen: string[] = [];
      const sizes: number[] = [];
      let token: string | undefined;
      do {
        const page = await list({ Limit: 3, ...(token ? { PaginationToken: token } : {}) });
        sizes.push(page.Users?.length ?? 0);
        seen.push(...(page.Users ?? []).map((u) => u.Username!));
        token = page.PaginationToken;
        if (token) assert.doesNotMatch(token, /albert|alice|bob|carol/);
      } while (token);
      assert.deepEqual(sizes, [3, 1]);
      assert.deepEqual(seen.sort(), ["albert", "alice", "bob", "carol"]);
    });

    test("pagination keeps the filter", async () => {
      const first = await list({ Limit: 1, Filter: 'status = "Enabled"' });
      const second = await list({
        Limit: 1,
        Filter: 'status = "Enabled"',
        PaginationToken: first.PaginationToken!,
      });
      const third = await list({
        Limit: 1,
        Filter: 'status = "Enabled"',
        PaginationToken: second.PaginationToken!,
      });
      const all = [first, second, third]
        .flatMap((p) => p.Users ?? [])
        .map((u) => u.Username)
        .sort();
      assert.deepEqual(all, ["albert", "alice", "bob"]);
      assert.equal(third.PaginationToken, undefined);
    });

    // Cognito: "Paging marker … is invalid for request …" (aws/aws-sdk-js#3705).
    test("a garbled or foreign PaginationToken is InvalidParameterException", async () => {
      await rejectsWith(
        list({ PaginationToken: "garbage" }),
        "InvalidParameterException",
        /^Paging marker garbage is invalid for request /,
      );
      const { PaginationToken } = await list({ Limit: 1 });
      await rejectsWith(
        list({ PaginationToken: `${PaginationToken}x` }),
        "InvalidParameterException",
        /^Paging marker .* is invalid for request /,
      );
      const { poolId: other } = await createPoolAndClient(t.idp);
      await rejectsWith(
        list({ PaginationToken: PaginationToken! }, other),
        "InvalidParameterException",
        /^Paging marker .* is invalid for request /,
      );
    });

    test("Limit above 60 is refused by validation", async () => {
      await rejectsWith(
        list({ Limit: 61 }),
        "InvalidParameterException",
        "1 validation error detected: Value '61' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60",
      );
    });

    test("without Limit a page holds 60 users", async () => {
      const { poolId: big } = await createPoolAndClient(t.idp);
      for (let i = 0; i < 61; i++) await createUser(t.idp, big, `user${String(i).padStart(2, "0")}`);
      const first = await list({}, big);
      assert.equal(first.Users?.length, 60);
      assert.ok(first.PaginationToken);
      const second = await list({ PaginationToken: first.PaginationToken! }, big);
      assert.equal(second.Users?.length, 1);
      assert.equal(second.PaginationToken, undefined);
    });

    test("an unknown pool is ResourceNotFoundException", async () => {
      await rejectsWith(
        list({}, "us-east-1_Nope123"),
        "ResourceNotFoundException",
        "User pool us-east-1_Nope123 does not exist.",
      );
    });
  });
}

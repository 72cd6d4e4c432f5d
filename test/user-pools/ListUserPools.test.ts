import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  CreateUserPoolCommand,
  ListUserPoolsCommand,
  paginateListUserPools,
} from "@aws-sdk/client-cognito-identity-provider";
import { rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";

const LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:pre-sign-up";

for (const backend of BACKENDS) {
  describe(backend, () => {
    let t: TestServer;
    const created: string[] = [];
    before(async () => {
      t = await startTestServer({ backend });
      for (let i = 0; i < 5; i++) {
        const { UserPool } = await t.idp.send(
          new CreateUserPoolCommand({
            PoolName: `pool-${i}`,
            ...(i === 0 ? { LambdaConfig: { PreSignUp: LAMBDA } } : {}),
          }),
        );
        created.push(UserPool!.Id!);
      }
    });
    after(() => t.close());

    test("an entry is a UserPoolDescriptionType: Id, Name, LambdaConfig and the dates", async () => {
      const { UserPools, NextToken } = await t.idp.send(new ListUserPoolsCommand({ MaxResults: 60 }));
      assert.equal(NextToken, undefined);
      assert.deepEqual(UserPools?.map((p) => p.Id).sort(), [...created].sort());
      const first = UserPools!.find((p) => p.Id === created[0])!;
      assert.deepEqual(Object.keys(first).sort(), [
        "CreationDate",
        "Id",
        "LambdaConfig",
        "LastModifiedDate",
        "Name",
      ]);
      assert.equal(first.Name, "pool-0");
      assert.deepEqual(first.LambdaConfig, { PreSignUp: LAMBDA });
      assert.ok(first.CreationDate instanceof Date);
      assert.deepEqual(UserPools!.find((p) => p.Id === created[1])!.LambdaConfig, {});
    });

    test("pages with NextToken until the last page, which has none", async () => {
      const seen: string[] = [];
      const sizes: number[] = [];
      let token: string | undefined;
      do {
        const page = await t.idp.send(new ListUserPoolsCommand({ MaxResults: 2, NextToken: token }));
        sizes.push(page.UserPools!.length);
        seen.push(...page.UserPools!.map((p) => p.Id!));
        token = page.NextToken;
      } while (token);
      assert.deepEqual(sizes, [2, 2, 1]);
      assert.deepEqual([...seen].sort(), [...created].sort());
      assert.equal(new Set(seen).size, seen.length);
    });

    test("the SDK paginator walks every page", async () => {
      const seen: string[] = [];
      for await (const page of paginateListUserPools({ client: t.idp, pageSize: 3 }, { MaxResults: 3 })) {
        seen.push(...(page.UserPools ?? []).map((p) => p.Id!));
      }
      assert.deepEqual(seen.sort(), [...created].sort());
    });

    // MaxResults is required and 1..60 (API reference, ListUserPools).
    test("MaxResults is required", async () => {
      await rejectsWith(
        t.idp.send(new ListUserPoolsCommand({} as never)),
        "InvalidParameterException",
        "1 validation error detected: Value null at 'maxResults' failed to satisfy constraint: Member must not be null",
      );
    });

    for (const [value, constraint] of [
      [0, "Member must have value greater than or equal to 1"],
      [61, "Member must have value less than or equal to 60"],
    ] as const) {
      test(`MaxResults ${value} is out of range`, async () => {
        await rejectsWith(
          t.idp.send(new ListUserPoolsCommand({ MaxResults: value })),
          "InvalidParameterException",
          `1 validation error detected: Value '${value}' at 'maxResults' failed to satisfy constraint: ${constraint}`,
        );
      });
    }

    test("a NextToken cognate did not issue is refused", async () => {
      await rejectsWith(
        t.idp.send(new ListUserPoolsCommand({ MaxResults: 10, NextToken: "not-a-token" })),
        "InvalidParameterException",
      );
    });
  });
}

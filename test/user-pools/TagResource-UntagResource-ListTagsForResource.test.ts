import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  DescribeUserPoolCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";

for (const backend of BACKENDS) {
  describe(backend, () => {
    let t: TestServer;
    before(async () => {
      t = await startTestServer({ backend });
    });
    after(() => t.close());

    test("tags a pool by ARN, lists and removes them; they are its UserPoolTags", async () => {
      const { pool } = await createPoolAndClient(t.idp, { UserPoolTags: { team: "id" } });
      const arn = pool.Arn!;
      assert.match(arn, /^arn:aws:cognito-idp:[^:]+:\d{12}:userpool\//);
      await t.idp.send(new TagResourceCommand({ ResourceArn: arn, Tags: { env: "dev", team: "auth" } }));
      const listed = await t.idp.send(new ListTagsForResourceCommand({ ResourceArn: arn }));
      assert.deepEqual(listed.Tags, { team: "auth", env: "dev" });
      await t.idp.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ["team", "absent"] }));
      assert.deepEqual((await t.idp.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags, {
        env: "dev",
      });
      const { UserPool } = await t.idp.send(new DescribeUserPoolCommand({ UserPoolId: pool.Id }));
      assert.deepEqual(UserPool!.UserPoolTags, { env: "dev" });
    });

    test("an unknown or malformed ARN is ResourceNotFoundException", async () => {
      const { pool } = await createPoolAndClient(t.idp);
      const missing = pool.Arn!.replace(/userpool\/.*$/, "userpool/us-east-1_missing1");
      await rejectsWith(
        t.idp.send(new ListTagsForResourceCommand({ ResourceArn: missing })),
        "ResourceNotFoundException",
        `Resource ${missing} does not exist.`,
      );
      await rejectsWith(
        t.idp.send(
          new TagResourceCommand({
            ResourceArn: "arn:aws:sns:us-east-1:123456789012:topic",
            Tags: { a: "b" },
          }),
        ),
        "ResourceNotFoundException",
      );
      await rejectsWith(
        t.idp.send(new UntagResourceCommand({ ResourceArn: missing, TagKeys: ["a"] })),
        "ResourceNotFoundException",
      );
    });
  });
}

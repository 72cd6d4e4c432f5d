import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { CreateUserPoolCommand, DescribeUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import { createUser, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";

for (const backend of BACKENDS) {
  describe(backend, () => {
    let t: TestServer;
    before(async () => {
      t = await startTestServer({ backend });
    });
    after(() => t.close());

    test("returns what CreateUserPool returned, with EstimatedNumberOfUsers", async () => {
      const { UserPool: created } = await t.idp.send(
        new CreateUserPoolCommand({
          PoolName: "described",
          AliasAttributes: ["email", "preferred_username"],
          AutoVerifiedAttributes: ["email"],
          Schema: [{ Name: "tier", AttributeDataType: "String" }],
          LambdaConfig: { PreSignUp: "arn:aws:lambda:us-east-1:123456789012:function:pre" },
          MfaConfiguration: "OFF",
        }),
      );
      const { UserPool } = await t.idp.send(new DescribeUserPoolCommand({ UserPoolId: created!.Id }));
      assert.equal(UserPool?.EstimatedNumberOfUsers, 0);
      assert.deepEqual(UserPool, created);
    });

    test("EstimatedNumberOfUsers counts the pool's users only", async () => {
      const { UserPool: a } = await t.idp.send(new CreateUserPoolCommand({ PoolName: "counted" }));
      const { UserPool: b } = await t.idp.send(new CreateUserPoolCommand({ PoolName: "other" }));
      await createUser(t.idp, a!.Id!, "ann");
      await createUser(t.idp, a!.Id!, "bob");
      await createUser(t.idp, b!.Id!, "cid");
      const { UserPool } = await t.idp.send(new DescribeUserPoolCommand({ UserPoolId: a!.Id }));
      assert.equal(UserPool?.EstimatedNumberOfUsers, 2);
    });

    test("an unknown pool is ResourceNotFoundException", async () => {
      await rejectsWith(
        t.idp.send(new DescribeUserPoolCommand({ UserPoolId: "us-east-1_unknown12" })),
        "ResourceNotFoundException",
        "User pool us-east-1_unknown12 does not exist.",
      );
    });

    test("a malformed pool id fails the model's pattern check", async () => {
      await rejectsWith(
        t.idp.send(new DescribeUserPoolCommand({ UserPoolId: "no-underscore" })),
        "InvalidParameterException",
        "1 validation error detected: Value 'no-underscore' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+",
      );
    });
  });
}

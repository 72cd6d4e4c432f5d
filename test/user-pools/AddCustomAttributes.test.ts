import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AddCustomAttributesCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  DescribeUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, createUser, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";

for (const backend of BACKENDS) {
  describe(backend, () => {
    let t: TestServer;
    before(async () => {
      t = await startTestServer({ backend });
    });
    after(() => t.close());

    test("adds custom: attributes to the schema, usable on users", async () => {
      const { poolId } = await createPoolAndClient(t.idp);
      const out = await t.idp.send(
        new AddCustomAttributesCommand({
          UserPoolId: poolId,
          CustomAttributes: [
            { Name: "tenant", AttributeDataType: "String", StringAttributeConstraints: { MaxLength: "20" } },
            { Name: "custom:level", AttributeDataType: "Number", Mutable: false },
          ],
        }),
      );
      assert.deepEqual(
        Object.keys(out).filter((k) => k !== "$metadata"),
        [],
      );
      const { UserPool } = await t.idp.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
      const tenant = UserPool!.SchemaAttributes!.find((s) => s.Name === "custom:tenant");
      assert.deepEqual(tenant, {
        Name: "custom:tenant",
        AttributeDataType: "String",
        DeveloperOnlyAttribute: false,
        Mutable: true,
        Required: false,
        StringAttributeConstraints: { MaxLength: "20" },
      });
      const level = UserPool!.SchemaAttributes!.find((s) => s.Name === "custom:level");
      assert.equal(level?.Mutable, false);
      assert.equal(level?.AttributeDataType, "Number");
      await createUser(t.idp, poolId, "alice");
      await t.idp.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: poolId,
          Username: "alice",
          UserAttributes: [{ Name: "custom:tenant", Value: "acme" }],
        }),
      );
      const user = await t.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "alice" }));
      assert.equal(user.UserAttributes?.find((a) => a.Name === "custom:tenant")?.Value, "acme");
    });

    test("refuses a name already in the schema, a required attribute, and an unknown pool", async () => {
      const { poolId } = await createPoolAndClient(t.idp, {
        Schema: [{ Name: "tenant", AttributeDataType: "String" }],
      });
      await rejectsWith(
        t.idp.send(
          new AddCustomAttributesCommand({ UserPoolId: poolId, CustomAttributes: [{ Name: "tenant" }] }),
        ),
        "InvalidParameterException",
        "Existing attribute already has name custom:tenant.",
      );
      await rejectsWith(
        t.idp.send(
          new AddCustomAttributesCommand({
            UserPoolId: poolId,
            CustomAttributes: [{ Name: "a", Required: true }],
          }),
        ),
        "InvalidParameterException",
        "Required custom attributes are not supported currently.",
      );
      // Nothing was written by the refused calls.
      const { UserPool } = await t.idp.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
      assert.equal(UserPool!.SchemaAttributes!.filter((s) => s.Name?.startsWith("custom:")).length, 1);
      await rejectsWith(
        t.idp.send(
          new AddCustomAttributesCommand({
            UserPoolId: "us-east-1_nopool",
            CustomAttributes: [{ Name: "a" }],
          }),
        ),
        "ResourceNotFoundException",
        "User pool us-east-1_nopool does not exist.",
      );
    });

    test("refuses more than 50 custom attributes in a pool", async () => {
      const { poolId } = await createPoolAndClient(t.idp);
      const batch = (from: number) =>
        Array.from({ length: 25 }, (_, i) => ({
          Name: `a${from + i}`,
          AttributeDataType: "String" as const,
        }));
      await t.idp.send(new AddCustomAttributesCommand({ UserPoolId: poolId, CustomAttributes: batch(0) }));
      await t.idp.send(new AddCustomAttributesCommand({ UserPoolId: poolId, CustomAttributes: batch(25) }));
      await rejectsWith(
        t.idp.send(new AddCustomAttributesCommand({ UserPoolId: poolId, CustomAttributes: [{ Name: "x" }] })),
        "InvalidParameterException",
        "A user pool can have at most 50 custom attributes.",
      );
    });
  });
}

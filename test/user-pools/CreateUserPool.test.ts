import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { CreateUserPoolCommand, DescribeUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import { rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";

for (const backend of BACKENDS) {
  describe(backend, () => {
    let t: TestServer;
    before(async () => {
      t = await startTestServer({ backend });
    });
    after(() => t.close());

    test("returns the pool with Cognito's id and ARN formats and its defaults", async () => {
      const started = Date.now();
      const { UserPool } = await t.idp.send(new CreateUserPoolCommand({ PoolName: "defaults" }));
      assert.ok(UserPool);
      // Pool ids are <region>_<9 alphanumerics>, e.g. us-east-1_EXAMPLE1a (API reference, UserPoolType.Id).
      assert.match(UserPool.Id!, /^us-east-1_[0-9A-Za-z]{9}$/);
      assert.match(
        UserPool.Arn!,
        new RegExp(`^arn:aws:cognito-idp:us-east-1:\\d{12}:userpool/${UserPool.Id}$`),
      );
      assert.equal(UserPool.Name, "defaults");
      // Password policy defaults (developer guide, "Password policies").
      assert.deepEqual(UserPool.Policies?.PasswordPolicy, {
        MinimumLength: 8,
        RequireUppercase: true,
        RequireLowercase: true,
        RequireNumbers: true,
        RequireSymbols: true,
        TemporaryPasswordValidityDays: 7,
      });
      // CreateUserPool leaves deletion protection off (developer guide, "User pool deletion protection").
      assert.equal(UserPool.DeletionProtection, "INACTIVE");
      assert.equal(UserPool.MfaConfiguration, "OFF");
      assert.deepEqual(UserPool.LambdaConfig, {});
      assert.ok(UserPool.CreationDate instanceof Date);
      assert.ok(Math.abs(UserPool.CreationDate.getTime() - started) < 60_000);
      const names = (UserPool.SchemaAttributes ?? []).map((a) => a.Name);
      for (const n of ["sub", "email", "email_verified", "phone_number", "name", "updated_at"])
        assert.ok(names.includes(n), n);
      assert.equal(UserPool.SchemaAttributes?.find((a) => a.Name === "sub")?.Required, true);
      assert.equal(UserPool.AliasAttributes, undefined);
      assert.equal(UserPool.UsernameAttributes, undefined);
    });

    test("custom attributes get the custom: prefix and standard ones keep their type", async () => {
      const { UserPool } = await t.idp.send(
        new CreateUserPoolCommand({
          PoolName: "schema",
          Schema: [
            {
              Name: "tier",
              AttributeDataType: "String",
              Mutable: true,
              StringAttributeConstraints: { MaxLength: "16" },
            },
            { Name: "age", AttributeDataType: "Number" },
            { Name: "email", AttributeDataType: "String", Required: true },
          ],
        }),
      );
      const byName = new Map((UserPool?.SchemaAttributes ?? []).map((a) => [a.Name, a]));
      assert.equal(byName.get("custom:tier")?.AttributeDataType, "String");
      assert.deepEqual(byName.get("custom:tier")?.StringAttributeConstraints, { MaxLength: "16" });
      assert.equal(byName.get("custom:age")?.AttributeDataType, "Number");
      assert.equal(byName.get("email")?.Required, true);
      assert.equal(byName.has("tier"), false);
      const described = await t.idp.send(new DescribeUserPoolCommand({ UserPoolId: UserPool!.Id }));
      assert.deepEqual(described.UserPool?.SchemaAttributes, UserPool?.SchemaAttributes);
    });

    test("keeps given settings (password policy, username attributes, MFA, tags)", async () => {
      const { UserPool } = await t.idp.send(
        new CreateUserPoolCommand({
          PoolName: "given",
          Policies: { PasswordPolicy: { MinimumLength: 12, RequireSymbols: false } },
          UsernameAttributes: ["email"],
          AutoVerifiedAttributes: ["email"],
          UserPoolTags: { team: "id" },
          DeletionProtection: "ACTIVE",
        }),
      );
      assert.equal(UserPool?.Policies?.PasswordPolicy?.MinimumLength, 12);
      assert.equal(UserPool?.Policies?.PasswordPolicy?.RequireSymbols, false);
      assert.equal(UserPool?.Policies?.PasswordPolicy?.RequireUppercase, true);
      assert.deepEqual(UserPool?.UsernameAttributes, ["email"]);
      assert.deepEqual(UserPool?.AutoVerifiedAttributes, ["email"]);
      assert.deepEqual(UserPool?.UserPoolTags, { team: "id" });
      assert.equal(UserPool?.DeletionProtection, "ACTIVE");
    });

    test("two pools get different ids", async () => {
      const a = await t.idp.send(new CreateUserPoolCommand({ PoolName: "same" }));
      const b = await t.idp.send(new CreateUserPoolCommand({ PoolName: "same" }));
      assert.notEqual(a.UserPool?.Id, b.UserPool?.Id);
    });

    test("AliasAttributes and UsernameAttributes together are rejected", async () => {
      await rejectsWith(
        t.idp.send(
          new CreateUserPoolCommand({
            PoolName: "both",
            AliasAttributes: ["email"],
            UsernameAttributes: ["email"],
          }),
        ),
        "InvalidParameterException",
        "Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.",
      );
    });

    test("a password policy shorter than 6 fails the model's range check", async () => {
      await rejectsWith(
        t.idp.send(
          new CreateUserPoolCommand({
            PoolName: "short",
            Policies: { PasswordPolicy: { MinimumLength: 5 } },
          }),
        ),
        "InvalidParameterException",
        "1 validation error detected: Value '5' at 'policies.passwordPolicy.minimumLength' failed to satisfy constraint: Member must have value greater than or equal to 6",
      );
    });

    test("a missing PoolName is a validation error", async () => {
      await rejectsWith(
        t.idp.send(new CreateUserPoolCommand({} as never)),
        "InvalidParameterException",
        "1 validation error detected: Value null at 'poolName' failed to satisfy constraint: Member must not be null",
      );
    });

    test("a required custom attribute is rejected", async () => {
      await rejectsWith(
        t.idp.send(
          new CreateUserPoolCommand({
            PoolName: "req",
            Schema: [{ Name: "plan", AttributeDataType: "String", Required: true }],
          }),
        ),
        "InvalidParameterException",
        "Required custom attributes are not supported currently.",
      );
    });

    // The wording the AWS CLI shows for this rule (aws/aws-cli#7151).
    test("attributes requiring verification before update must be auto-verified", async () => {
      await rejectsWith(
        t.idp.send(
          new CreateUserPoolCommand({
            PoolName: "verify",
            UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email"] },
          }),
        ),
        "InvalidParameterException",
        "All attributes in AttributesRequireVerificationBeforeUpdate must exist in AutoVerifiedAttributes",
      );
    });
  });
}

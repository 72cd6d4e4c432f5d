import assert from "node:assert/strict";
import { after, afterEach, before, describe, test } from "node:test";
import {
  CreateUserPoolCommand,
  type CreateUserPoolRequest,
  DescribeUserPoolCommand,
  UpdateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";

const LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:pre-sign-up";

for (const backend of BACKENDS) {
  describe(backend, () => {
    let t: TestServer;
    before(async () => {
      t = await startTestServer({ backend });
    });
    after(() => t.close());
    // Tests move the clock a minute (well within the SigV4 skew); put it back after each.
    afterEach(() => t.clock.set(new Date()));

    const createPool = async (req: Partial<CreateUserPoolRequest> = {}) => {
      const { UserPool } = await t.idp.send(new CreateUserPoolCommand({ PoolName: "to-update", ...req }));
      return UserPool!;
    };
    const describePool = async (id: string) =>
      (await t.idp.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool!;

    test("applies the given settings and a new name, and moves LastModifiedDate", async () => {
      const pool = await createPool();
      t.clock.advance(60_000);
      const out = await t.idp.send(
        new UpdateUserPoolCommand({
          UserPoolId: pool.Id,
          PoolName: "renamed",
          Policies: { PasswordPolicy: { MinimumLength: 10, RequireSymbols: false } },
          MfaConfiguration: "OPTIONAL",
          AutoVerifiedAttributes: ["email"],
          UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email"] },
          LambdaConfig: { PreSignUp: LAMBDA },
          UserPoolTags: { env: "test" },
        }),
      );
      assert.deepEqual(
        Object.keys(out).filter((k) => k !== "$metadata"),
        [],
      );
      const after = await describePool(pool.Id!);
      assert.equal(after.Name, "renamed");
      assert.equal(after.Policies?.PasswordPolicy?.MinimumLength, 10);
      assert.equal(after.Policies?.PasswordPolicy?.RequireSymbols, false);
      assert.equal(after.MfaConfiguration, "OPTIONAL");
      assert.deepEqual(after.AutoVerifiedAttributes, ["email"]);
      assert.deepEqual(after.UserAttributeUpdateSettings, {
        AttributesRequireVerificationBeforeUpdate: ["email"],
      });
      assert.deepEqual(after.LambdaConfig, { PreSignUp: LAMBDA });
      assert.deepEqual(after.UserPoolTags, { env: "test" });
      assert.equal(after.CreationDate?.getTime(), pool.CreationDate?.getTime());
      assert.ok(after.LastModifiedDate!.getTime() >= pool.LastModifiedDate!.getTime() + 59_000);
    });

    // API reference, UpdateUserPool: "With the exception of UserPoolTier, if you don't provide a
    // value for an attribute, Amazon Cognito sets it to its default value."
    test("settings the request leaves out go back to their defaults", async () => {
      const pool = await createPool({
        LambdaConfig: { PreSignUp: LAMBDA },
        AutoVerifiedAttributes: ["email"],
        DeletionProtection: "ACTIVE",
        MfaConfiguration: "OFF",
        Policies: {
          PasswordPolicy: { MinimumLength: 14, RequireNumbers: false, TemporaryPasswordValidityDays: 3 },
        },
        EmailVerificationSubject: "Your code",
        UserPoolTags: { team: "id" },
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      });
      await t.idp.send(new UpdateUserPoolCommand({ UserPoolId: pool.Id, MfaConfiguration: "OFF" }));
      const after = await describePool(pool.Id!);
      assert.deepEqual(after.LambdaConfig, {});
      assert.deepEqual(after.AutoVerifiedAttributes, []);
      assert.equal(after.DeletionProtection, "INACTIVE");
      assert.deepEqual(after.Policies?.PasswordPolicy, {
        MinimumLength: 8,
        RequireUppercase: true,
        RequireLowercase: true,
        RequireNumbers: true,
        RequireSymbols: true,
        TemporaryPasswordValidityDays: 7,
      });
      assert.equal(after.EmailVerificationSubject, undefined);
      assert.equal(after.VerificationMessageTemplate?.EmailSubject, undefined);
      assert.deepEqual(after.UserPoolTags, {});
      assert.equal(after.AdminCreateUserConfig?.AllowAdminCreateUserOnly, false);
      // The name is kept when left out.
      assert.equal(after.Name, "to-update");
    });

    // Developer guide, "Updating user pool and app client configuration": sign-in options,
    // case sensitivity and the schema cannot change after creation.
    test("settings fixed at creation and UserPoolTier are kept", async () => {
      const pool = await createPool({
        UsernameAttributes: ["email"],
        UsernameConfiguration: { CaseSensitive: false },
        Schema: [{ Name: "tier", AttributeDataType: "String" }],
        UserPoolTier: "PLUS",
      });
      await t.idp.send(new UpdateUserPoolCommand({ UserPoolId: pool.Id, MfaConfiguration: "OFF" }));
      const after = await describePool(pool.Id!);
      assert.deepEqual(after.UsernameAttributes, ["email"]);
      assert.deepEqual(after.UsernameConfiguration, { CaseSensitive: false });
      assert.deepEqual(after.SchemaAttributes, pool.SchemaAttributes);
      assert.equal(after.UserPoolTier, "PLUS");
      assert.equal(after.Arn, pool.Arn);
    });

    test("an unknown pool is ResourceNotFoundException", async () => {
      await rejectsWith(
        t.idp.send(new UpdateUserPoolCommand({ UserPoolId: "us-east-1_missing99" })),
        "ResourceNotFoundException",
        "User pool us-east-1_missing99 does not exist.",
      );
    });

    // The wording the AWS CLI shows for this rule (aws/aws-cli#7151).
    test("attributes requiring verification must be auto-verified, and nothing is written", async () => {
      const pool = await createPool({ MfaConfiguration: "OFF", UserPoolTags: { keep: "me" } });
      await rejectsWith(
        t.idp.send(
          new UpdateUserPoolCommand({
            UserPoolId: pool.Id,
            UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email"] },
          }),
        ),
        "InvalidParameterException",
        "All attributes in AttributesRequireVerificationBeforeUpdate must exist in AutoVerifiedAttributes",
      );
      assert.deepEqual(await describePool(pool.Id!), { ...pool, EstimatedNumberOfUsers: 0 });
    });

    test("values outside the model's ranges are validation errors", async () => {
      const pool = await createPool();
      await rejectsWith(
        t.idp.send(
          new UpdateUserPoolCommand({
            UserPoolId: pool.Id,
            Policies: { PasswordPolicy: { MinimumLength: 100 } },
          }),
        ),
        "InvalidParameterException",
        "1 validation error detected: Value '100' at 'policies.passwordPolicy.minimumLength' failed to satisfy constraint: Member must have value less than or equal to 99",
      );
    });
  });
}

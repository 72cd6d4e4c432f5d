import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { AddCustomAttributesCommand, GetCSVHeaderCommand } from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";

for (const backend of BACKENDS) {
  describe(backend, () => {
    let t: TestServer;
    before(async () => {
      t = await startTestServer({ backend });
    });
    after(() => t.close());

    // Column order as `aws cognito-idp get-csv-header` prints it for a pool with one custom attribute.
    test("lists the standard columns, the custom attributes, then cognito:mfa_enabled and cognito:username", async () => {
      const { poolId } = await createPoolAndClient(t.idp, {
        Schema: [{ Name: "joinedOn", AttributeDataType: "String" }],
      });
      await t.idp.send(
        new AddCustomAttributesCommand({
          UserPoolId: poolId,
          CustomAttributes: [{ Name: "tier", AttributeDataType: "Number" }],
        }),
      );
      const out = await t.idp.send(new GetCSVHeaderCommand({ UserPoolId: poolId }));
      assert.equal(out.UserPoolId, poolId);
      assert.deepEqual(out.CSVHeader, [
        "name",
        "given_name",
        "family_name",
        "middle_name",
        "nickname",
        "preferred_username",
        "profile",
        "picture",
        "website",
        "email",
        "email_verified",
        "gender",
        "birthdate",
        "zoneinfo",
        "locale",
        "phone_number",
        "phone_number_verified",
        "address",
        "updated_at",
        "custom:joinedOn",
        "custom:tier",
        "cognito:mfa_enabled",
        "cognito:username",
      ]);
    });

    test("an unknown pool is ResourceNotFoundException", async () => {
      await rejectsWith(
        t.idp.send(new GetCSVHeaderCommand({ UserPoolId: "us-east-1_nopool" })),
        "ResourceNotFoundException",
        "User pool us-east-1_nopool does not exist.",
      );
    });
  });
}

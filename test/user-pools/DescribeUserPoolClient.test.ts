import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DescribeUserPoolClientCommand } from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";

for (const backend of BACKENDS) {
  describe(backend, () => {
    let t: TestServer;
    before(async () => {
      t = await startTestServer({ backend });
    });
    after(() => t.close());

    test("returns what CreateUserPoolClient returned, secret included", async () => {
      const { poolId, clientId, client } = await createPoolAndClient(
        t.idp,
        {},
        {
          GenerateSecret: true,
          CallbackURLs: ["https://app.example.com/cb"],
          ReadAttributes: ["email", "name"],
        },
      );
      const { UserPoolClient } = await t.idp.send(
        new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }),
      );
      assert.deepEqual(UserPoolClient, client);
      assert.match(UserPoolClient?.ClientSecret ?? "", /^[a-z0-9]{51}$/);
      assert.deepEqual(UserPoolClient?.CallbackURLs, ["https://app.example.com/cb"]);
    });

    test("an unknown client is ResourceNotFoundException", async () => {
      const { poolId } = await createPoolAndClient(t.idp);
      await rejectsWith(
        t.idp.send(
          new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: "abcdefghijklmnopqrstuvwxyz" }),
        ),
        "ResourceNotFoundException",
        "User pool client abcdefghijklmnopqrstuvwxyz does not exist.",
      );
    });

    test("a client of another pool is not found in this one", async () => {
      const a = await createPoolAndClient(t.idp);
      const b = await createPoolAndClient(t.idp);
      await rejectsWith(
        t.idp.send(new DescribeUserPoolClientCommand({ UserPoolId: b.poolId, ClientId: a.clientId })),
        "ResourceNotFoundException",
        `User pool client ${a.clientId} does not exist.`,
      );
    });

    test("an unknown pool is ResourceNotFoundException for the pool", async () => {
      const { clientId } = await createPoolAndClient(t.idp);
      await rejectsWith(
        t.idp.send(
          new DescribeUserPoolClientCommand({ UserPoolId: "us-east-1_gone12345", ClientId: clientId }),
        ),
        "ResourceNotFoundException",
        "User pool us-east-1_gone12345 does not exist.",
      );
    });

    test("a missing ClientId is a validation error", async () => {
      const { poolId } = await createPoolAndClient(t.idp);
      await rejectsWith(
        t.idp.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId } as never)),
        "InvalidParameterException",
        "1 validation error detected: Value null at 'clientId' failed to satisfy constraint: Member must not be null",
      );
    });
  });
}

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  CreateUserPoolClientCommand,
  DeleteUserPoolClientCommand,
  DescribeUserPoolClientCommand,
  ListUserPoolClientsCommand,
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

    test("deletes the client; the pool's other clients stay", async () => {
      const { poolId, clientId } = await createPoolAndClient(t.idp);
      const { UserPoolClient: kept } = await t.idp.send(
        new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "kept" }),
      );
      const out = await t.idp.send(
        new DeleteUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }),
      );
      assert.deepEqual(
        Object.keys(out).filter((k) => k !== "$metadata"),
        [],
      );
      await rejectsWith(
        t.idp.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId })),
        "ResourceNotFoundException",
        `User pool client ${clientId} does not exist.`,
      );
      const { UserPoolClients } = await t.idp.send(new ListUserPoolClientsCommand({ UserPoolId: poolId }));
      assert.deepEqual(
        UserPoolClients?.map((c) => c.ClientId),
        [kept!.ClientId],
      );
    });

    test("deleting twice is ResourceNotFoundException", async () => {
      const { poolId, clientId } = await createPoolAndClient(t.idp);
      await t.idp.send(new DeleteUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }));
      await rejectsWith(
        t.idp.send(new DeleteUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId })),
        "ResourceNotFoundException",
        `User pool client ${clientId} does not exist.`,
      );
    });

    test("a client cannot be deleted through another pool", async () => {
      const a = await createPoolAndClient(t.idp);
      const b = await createPoolAndClient(t.idp);
      await rejectsWith(
        t.idp.send(new DeleteUserPoolClientCommand({ UserPoolId: b.poolId, ClientId: a.clientId })),
        "ResourceNotFoundException",
        `User pool client ${a.clientId} does not exist.`,
      );
      const { UserPoolClient } = await t.idp.send(
        new DescribeUserPoolClientCommand({ UserPoolId: a.poolId, ClientId: a.clientId }),
      );
      assert.equal(UserPoolClient?.ClientId, a.clientId);
    });

    test("an unknown pool is ResourceNotFoundException", async () => {
      await rejectsWith(
        t.idp.send(
          new DeleteUserPoolClientCommand({
            UserPoolId: "us-east-1_gone12345",
            ClientId: "abcdefghijklmnopqrstuvwxyz",
          }),
        ),
        "ResourceNotFoundException",
        "User pool us-east-1_gone12345 does not exist.",
      );
    });
  });
}

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListUserPoolClientsCommand,
  paginateListUserPoolClients,
} from "@aws-sdk/client-cognito-identity-provider";
import { rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";

for (const backend of BACKENDS) {
  describe(backend, () => {
    let t: TestServer;
    let poolId: string;
    const created: string[] = [];
    before(async () => {
      t = await startTestServer({ backend });
      const pool = await t.idp.send(new CreateUserPoolCommand({ PoolName: "listed" }));
      poolId = pool.UserPool!.Id!;
      for (let i = 0; i < 5; i++) {
        const { UserPoolClient } = await t.idp.send(
          new CreateUserPoolClientCommand({
            UserPoolId: poolId,
            ClientName: `client-${i}`,
            GenerateSecret: i === 0,
          }),
        );
        created.push(UserPoolClient!.ClientId!);
      }
      const other = await t.idp.send(new CreateUserPoolCommand({ PoolName: "other" }));
      await t.idp.send(
        new CreateUserPoolClientCommand({ UserPoolId: other.UserPool!.Id, ClientName: "elsewhere" }),
      );
    });
    after(() => t.close());

    test("lists the pool's clients as ClientId, UserPoolId and ClientName, never the secret", async () => {
      const { UserPoolClients, NextToken } = await t.idp.send(
        new ListUserPoolClientsCommand({ UserPoolId: poolId }),
      );
      assert.equal(NextToken, undefined);
      assert.deepEqual(UserPoolClients?.map((c) => c.ClientId).sort(), [...created].sort());
      for (const c of UserPoolClients!) {
        assert.deepEqual(Object.keys(c).sort(), ["ClientId", "ClientName", "UserPoolId"]);
        assert.equal(c.UserPoolId, poolId);
      }
      assert.equal(UserPoolClients!.find((c) => c.ClientId === created[3])?.ClientName, "client-3");
    });

    test("pages with NextToken", async () => {
      const seen: string[] = [];
      const sizes: number[] = [];
      let token: string | undefined;
      do {
        const page = await t.idp.send(
          new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 2, NextToken: token }),
        );
        sizes.push(page.UserPoolClients!.length);
        seen.push(...page.UserPoolClients!.map((c) => c.ClientId!));
        token = page.NextToken;
      } while (token);
      assert.deepEqual(sizes, [2, 2, 1]);
      assert.deepEqual([...seen].sort(), [...created].sort());
    });

    test("the SDK paginator walks every page", async () => {
      const seen: string[] = [];
      for await (const page of paginateListUserPoolClients(
        { client: t.idp, pageSize: 4 },
        { UserPoolId: poolId },
      )) {
        seen.push(...(page.UserPoolClients ?? []).map((c) => c.ClientId!));
      }
      assert.deepEqual(seen.sort(), [...created].sort());
    });

    test("an unknown pool is ResourceNotFoundException", async () => {
      await rejectsWith(
        t.idp.send(new ListUserPoolClientsCommand({ UserPoolId: "us-east-1_nothere12" })),
        "ResourceNotFoundException",
        "User pool us-east-1_nothere12 does not exist.",
      );
    });

    test("MaxResults above 60 fails the model's range check", async () => {
      await rejectsWith(
        t.idp.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 61 })),
        "InvalidParameterException",
        "1 validation error detected: Value '61' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60",
      );
    });
  });
}

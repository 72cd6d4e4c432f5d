// CreateResourceServer, DescribeResourceServer, UpdateResourceServer, DeleteResourceServer,
// ListResourceServers (API reference; custom scopes are "<Identifier>/<ScopeName>").
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  CreateResourceServerCommand,
  DeleteResourceServerCommand,
  DescribeResourceServerCommand,
  ListResourceServersCommand,
  UpdateResourceServerCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";

const SCOPES = [
  { ScopeName: "read", ScopeDescription: "Read orders" },
  { ScopeName: "write", ScopeDescription: "Write orders" },
];

for (const backend of BACKENDS) {
  describe(`resource servers (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    before(async () => {
      t = await startTestServer({ backend });
      ({ poolId } = await createPoolAndClient(t.idp));
    });
    after(() => t.close());

    test("CreateResourceServer returns the server; DescribeResourceServer reads it back", async () => {
      const r = await t.idp.send(
        new CreateResourceServerCommand({
          UserPoolId: poolId,
          Identifier: "https://api.example.com/orders",
          Name: "Orders",
          Scopes: SCOPES,
        }),
      );
      assert.deepEqual(r.ResourceServer, {
        UserPoolId: poolId,
        Identifier: "https://api.example.com/orders",
        Name: "Orders",
        Scopes: SCOPES,
      });
      const d = await t.idp.send(
        new DescribeResourceServerCommand({
          UserPoolId: poolId,
          Identifier: "https://api.example.com/orders",
        }),
      );
      assert.deepEqual(d.ResourceServer, r.ResourceServer);
    });

    test("a second server with the same identifier, or a repeated scope name, is refused", async () => {
      await rejectsWith(
        t.idp.send(
          new CreateResourceServerCommand({
            UserPoolId: poolId,
            Identifier: "https://api.example.com/orders",
            Name: "Again",
          }),
        ),
        "InvalidParameterException",
        `https://api.example.com/orders already exists in user pool ${poolId}.`,
      );
      await rejectsWith(
        t.idp.send(
          new CreateResourceServerCommand({
            UserPoolId: poolId,
            Identifier: "dupes",
            Name: "Dupes",
            Scopes: [SCOPES[0]!, SCOPES[0]!],
          }),
        ),
        "InvalidParameterException",
        "Duplicate scope name read.",
      );
      await rejectsWith(
        t.idp.send(
          new CreateResourceServerCommand({
            UserPoolId: poolId,
            Identifier: "bad",
            Name: "Bad",
            Scopes: [{ ScopeName: "a/b", ScopeDescription: "slash" }],
          }),
        ),
        "InvalidParameterException",
        /^1 validation error detected: Value 'a\/b' at 'scopes.1.member.scopeName' failed to satisfy constraint/,
      );
    });

    test("unknown servers and pools answer ResourceNotFoundException", async () => {
      await rejectsWith(
        t.idp.send(new DescribeResourceServerCommand({ UserPoolId: poolId, Identifier: "missing" })),
        "ResourceNotFoundException",
        "Resource server missing does not exist.",
      );
      await rejectsWith(
        t.idp.send(new ListResourceServersCommand({ UserPoolId: "us-east-1_nope", MaxResults: 10 })),
        "ResourceNotFoundException",
        "User pool us-east-1_nope does not exist.",
      );
    });

    test("UpdateResourceServer replaces the name and the whole scope list", async () => {
      await t.idp.send(
        new CreateResourceServerCommand({
          UserPoolId: poolId,
          Identifier: "billing",
          Name: "Billing",
          Scopes: SCOPES,
        }),
      );
      const r = await t.idp.send(
        new UpdateResourceServerCommand({
          UserPoolId: poolId,
          Identifier: "billing",
          Name: "Billing v2",
          Scopes: [SCOPES[1]!],
        }),
      );
      assert.deepEqual(r.ResourceServer?.Scopes, [SCOPES[1]]);
      const cleared = await t.idp.send(
        new UpdateResourceServerCommand({ UserPoolId: poolId, Identifier: "billing", Name: "Billing v3" }),
      );
      assert.deepEqual(cleared.ResourceServer, {
        UserPoolId: poolId,
        Identifier: "billing",
        Name: "Billing v3",
        Scopes: [],
      });
      await rejectsWith(
        t.idp.send(new UpdateResourceServerCommand({ UserPoolId: poolId, Identifier: "missing", Name: "x" })),
        "ResourceNotFoundException",
        "Resource server missing does not exist.",
      );
    });

    test("ListResourceServers pages by MaxResults with a NextToken", async () => {
      const { poolId: p } = await createPoolAndClient(t.idp);
      for (const id of ["c", "a", "b"])
        await t.idp.send(new CreateResourceServerCommand({ UserPoolId: p, Identifier: id, Name: id }));
      const first = await t.idp.send(new ListResourceServersCommand({ UserPoolId: p, MaxResults: 2 }));
      assert.deepEqual(
        first.ResourceServers?.map((s) => s.Identifier),
        ["a", "b"],
      );
      assert.ok(first.NextToken);
      const second = await t.idp.send(
        new ListResourceServersCommand({ UserPoolId: p, MaxResults: 2, NextToken: first.NextToken }),
      );
      assert.deepEqual(
        second.ResourceServers?.map((s) => s.Identifier),
        ["c"],
      );
      assert.equal(second.NextToken, undefined);
      await rejectsWith(
        t.idp.send(new ListResourceServersCommand({ UserPoolId: p, MaxResults: 51 })),
        "InvalidParameterException",
        "1 validation error detected: Value '51' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50",
      );
    });

    test("DeleteResourceServer removes it; a second delete is refused", async () => {
      await t.idp.send(new DeleteResourceServerCommand({ UserPoolId: poolId, Identifier: "billing" }));
      await rejectsWith(
        t.idp.send(new DeleteResourceServerCommand({ UserPoolId: poolId, Identifier: "billing" })),
        "ResourceNotFoundException",
        "Resource server billing does not exist.",
      );
      const list = await t.idp.send(new ListResourceServersCommand({ UserPoolId: poolId, MaxResults: 50 }));
      assert.deepEqual(
        list.ResourceServers?.map((s) => s.Identifier),
        ["https://api.example.com/orders"],
      );
    });
  });
}

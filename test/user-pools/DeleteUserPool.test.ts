import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  DeleteUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListUserPoolsCommand,
  UpdateUserPoolCommand,
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

    const listedIds = async () =>
      (await t.idp.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools!.map((p) => p.Id);

    test("deletes the pool and everything it owns, and leaves other pools alone", async () => {
      const { poolId, clientId } = await createPoolAndClient(t.idp);
      const other = await createPoolAndClient(t.idp);
      await createUser(t.idp, poolId, "ann");
      await createUser(t.idp, other.poolId, "ann");
      const { store, services } = t.server;
      const user = (await store.users.getByUsername(poolId, "ann"))!;
      const now = Date.now();
      await store.groups.create({
        poolId,
        name: "admins",
        description: null,
        roleArn: null,
        precedence: null,
        createdAt: now,
        updatedAt: now,
      });
      await store.groups.addMember(poolId, "admins", user.id);
      await store.codes.put({
        userId: user.id,
        purpose: "signup",
        codeHash: "x",
        data: null,
        attempts: 0,
        expiresAt: now + 60_000,
        createdAt: now,
      });
      await store.refreshTokens.create({
        tokenHash: "hash-1",
        originJti: "jti-1",
        poolId,
        clientId,
        userId: user.id,
        authTime: now,
        eventId: "evt",
        scopes: "openid",
        createdAt: now,
        expiresAt: now + 86_400_000,
        revokedAt: null,
      });
      const [key] = await store.pools.signingKeys(poolId);
      assert.ok(
        await services.keys.verificationKey(key!.kid),
        "the key is loaded (and cached) before the delete",
      );

      const out = await t.idp.send(new DeleteUserPoolCommand({ UserPoolId: poolId }));
      assert.deepEqual(
        Object.keys(out).filter((k) => k !== "$metadata"),
        [],
      );

      await rejectsWith(
        t.idp.send(new DescribeUserPoolCommand({ UserPoolId: poolId })),
        "ResourceNotFoundException",
        `User pool ${poolId} does not exist.`,
      );
      await rejectsWith(
        t.idp.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId })),
        "ResourceNotFoundException",
        `User pool ${poolId} does not exist.`,
      );
      assert.ok(!(await listedIds()).includes(poolId));
      assert.ok((await listedIds()).includes(other.poolId));
      // Stored effects: nothing of the pool is left; the other pool is untouched.
      assert.equal(await store.clients.get(clientId), undefined);
      assert.equal(await store.users.count(poolId), 0);
      assert.equal(await store.users.getById(poolId, user.id), undefined);
      assert.equal(await store.groups.get(poolId, "admins"), undefined);
      assert.equal(await store.codes.get(user.id, "signup"), undefined);
      assert.equal(await store.refreshTokens.getByHash("hash-1"), undefined);
      assert.deepEqual(await store.pools.signingKeys(poolId), []);
      assert.equal(await store.users.count(other.poolId), 1);
      // Its tokens no longer verify: the key ring forgot the key, and JWKS is gone.
      assert.equal(await services.keys.verificationKey(key!.kid), undefined);
      const jwks = await fetch(`${t.url}/${poolId}/.well-known/jwks.json`);
      assert.equal(jwks.status, 404);
    });

    // Developer guide, "User pool deletion protection"; wording as quoted in localstack/localstack#11947.
    test("refuses while deletion protection is active, then deletes once it is inactive", async () => {
      const { poolId } = await createPoolAndClient(t.idp, { DeletionProtection: "ACTIVE" });
      await rejectsWith(
        t.idp.send(new DeleteUserPoolCommand({ UserPoolId: poolId })),
        "InvalidParameterException",
        "The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.",
      );
      assert.ok((await listedIds()).includes(poolId));
      await t.idp.send(new UpdateUserPoolCommand({ UserPoolId: poolId, DeletionProtection: "INACTIVE" }));
      await t.idp.send(new DeleteUserPoolCommand({ UserPoolId: poolId }));
      assert.ok(!(await listedIds()).includes(poolId));
    });

    test("an unknown or already deleted pool is ResourceNotFoundException", async () => {
      const { poolId } = await createPoolAndClient(t.idp);
      await t.idp.send(new DeleteUserPoolCommand({ UserPoolId: poolId }));
      await rejectsWith(
        t.idp.send(new DeleteUserPoolCommand({ UserPoolId: poolId })),
        "ResourceNotFoundException",
        `User pool ${poolId} does not exist.`,
      );
    });
  });
}

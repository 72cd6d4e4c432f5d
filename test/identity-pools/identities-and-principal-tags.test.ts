import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  DeleteIdentitiesCommand,
  DescribeIdentityCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetPrincipalTagAttributeMapCommand,
  ListIdentitiesCommand,
  SetIdentityPoolRolesCommand,
  SetPrincipalTagAttributeMapCommand,
} from "@aws-sdk/client-cognito-identity";
import { decodeJwt } from "jose";
import { rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";
import { createIdentityPool, fakeSts, identityClients, role, signIn, userPool } from "./helpers.ts";

for (const backend of BACKENDS) {
  describe(`DescribeIdentity, ListIdentities, DeleteIdentities, Set/GetPrincipalTagAttributeMap (${backend})`, () => {
    let t: TestServer;
    let c: ReturnType<typeof identityClients>;
    let sts: Awaited<ReturnType<typeof fakeSts>>;
    let up: Awaited<ReturnType<typeof userPool>>;
    let poolId: string;
    before(async () => {
      sts = await fakeSts(() => t.url);
      t = await startTestServer({ backend, config: { stsEndpoint: sts.url } });
      c = identityClients(t);
      up = await userPool(t);
      poolId = await createIdentityPool(c.admin, {
        CognitoIdentityProviders: [{ ProviderName: up.provider, ClientId: up.clientId }],
      });
      await c.admin.send(
        new SetIdentityPoolRolesCommand({
          IdentityPoolId: poolId,
          Roles: { authenticated: role("Auth"), unauthenticated: role("Guest") },
        }),
      );
    });
    after(async () => {
      c.destroy();
      await t.close();
      await sts.close();
    });

    test("DescribeIdentity: dates, and Logins only for signed-in identities", async () => {
      const { IdentityId: guest } = await c.anon.send(new GetIdCommand({ IdentityPoolId: poolId }));
      const g = await c.admin.send(new DescribeIdentityCommand({ IdentityId: guest }));
      assert.equal(g.IdentityId, guest);
      assert.equal(g.Logins, undefined);
      assert.ok(
        g.CreationDate instanceof Date && Math.abs(g.CreationDate.getTime() - t.clock.nowMs()) < 2000,
      );
      const { idToken } = await signIn(t.idp, up.poolId, up.clientId, "ivy");
      const { IdentityId } = await c.anon.send(
        new GetIdCommand({ IdentityPoolId: poolId, Logins: { [up.provider]: idToken } }),
      );
      assert.deepEqual((await c.admin.send(new DescribeIdentityCommand({ IdentityId }))).Logins, [
        up.provider,
      ]);
    });

    test("DescribeIdentity of an unknown identity: ResourceNotFoundException", async () => {
      const id = `${c.region}:00000000-0000-4000-8000-000000000000`;
      await rejectsWith(
        c.admin.send(new DescribeIdentityCommand({ IdentityId: id })),
        "ResourceNotFoundException",
        `Identity '${id}' not found.`,
      );
    });

    test("ListIdentities pages through every identity of the pool", async () => {
      const pool = await createIdentityPool(c.admin);
      const made = new Set<string>();
      for (let i = 0; i < 3; i++)
        made.add((await c.anon.send(new GetIdCommand({ IdentityPoolId: pool }))).IdentityId!);
      const first = await c.admin.send(new ListIdentitiesCommand({ IdentityPoolId: pool, MaxResults: 2 }));
      assert.equal(first.IdentityPoolId, pool);
      assert.equal(first.Identities!.length, 2);
      assert.ok(first.NextToken);
      const second = await c.admin.send(
        new ListIdentitiesCommand({ IdentityPoolId: pool, MaxResults: 2, NextToken: first.NextToken }),
      );
      assert.equal(second.Identities!.length, 1);
      assert.equal(second.NextToken, undefined);
      assert.deepEqual(new Set([...first.Identities!, ...second.Identities!].map((i) => i.IdentityId)), made);
    });

    test("ListIdentities of an unknown pool: ResourceNotFoundException", async () => {
      const id = `${c.region}:00000000-0000-4000-8000-000000000000`;
      await rejectsWith(
        c.admin.send(new ListIdentitiesCommand({ IdentityPoolId: id, MaxResults: 10 })),
        "ResourceNotFoundException",
        `IdentityPool '${id}' not found.`,
      );
    });

    test("DeleteIdentities deletes; a deleted identity is not found; unknown ids are not an error", async () => {
      const { IdentityId } = await c.anon.send(new GetIdCommand({ IdentityPoolId: poolId }));
      const r = await c.admin.send(
        new DeleteIdentitiesCommand({
          IdentityIdsToDelete: [IdentityId!, `${c.region}:00000000-0000-4000-8000-000000000000`],
        }),
      );
      assert.deepEqual(r.UnprocessedIdentityIds, []);
      await rejectsWith(
        c.admin.send(new DescribeIdentityCommand({ IdentityId })),
        "ResourceNotFoundException",
      );
      await rejectsWith(
        c.anon.send(new GetCredentialsForIdentityCommand({ IdentityId })),
        "ResourceNotFoundException",
      );
    });

    test("DeleteIdentities with an empty list fails the model's length constraint", async () => {
      await rejectsWith(
        c.admin.send(new DeleteIdentitiesCommand({ IdentityIdsToDelete: [] })),
        "InvalidParameterException",
        /identityIdsToDelete/,
      );
    });

    test("Set/GetPrincipalTagAttributeMap: custom map, defaults, and tags in the token STS receives", async () => {
      const before = await c.admin.send(
        new GetPrincipalTagAttributeMapCommand({ IdentityPoolId: poolId, IdentityProviderName: up.provider }),
      );
      assert.equal(before.UseDefaults, false);
      assert.deepEqual(before.PrincipalTags, {});
      const set = await c.admin.send(
        new SetPrincipalTagAttributeMapCommand({
          IdentityPoolId: poolId,
          IdentityProviderName: up.provider,
          PrincipalTags: { user: "cognito:username", mail: "email" },
        }),
      );
      assert.deepEqual(set.PrincipalTags, { user: "cognito:username", mail: "email" });
      const { idToken } = await signIn(t.idp, up.poolId, up.clientId, "jo", {
        attributes: { email: "jo@example.com" },
      });
      const { IdentityId } = await c.anon.send(
        new GetIdCommand({ IdentityPoolId: poolId, Logins: { [up.provider]: idToken } }),
      );
      await c.anon.send(
        new GetCredentialsForIdentityCommand({ IdentityId, Logins: { [up.provider]: idToken } }),
      );
      assert.deepEqual(sts.calls.at(-1)?.claims?.["https://aws.amazon.com/tags"], {
        principal_tags: { user: ["jo"], mail: ["jo@example.com"] },
      });

      const defaults = await c.admin.send(
        new SetPrincipalTagAttributeMapCommand({
          IdentityPoolId: poolId,
          IdentityProviderName: up.provider,
          UseDefaults: true,
        }),
      );
      assert.equal(defaults.UseDefaults, true);
      assert.deepEqual(defaults.PrincipalTags, { client: "aud", username: "sub" });
      assert.deepEqual(
        (
          await c.admin.send(
            new GetPrincipalTagAttributeMapCommand({
              IdentityPoolId: poolId,
              IdentityProviderName: up.provider,
            }),
          )
        ).PrincipalTags,
        {
          client: "aud",
          username: "sub",
        },
      );
      await c.anon.send(
        new GetCredentialsForIdentityCommand({ IdentityId, Logins: { [up.provider]: idToken } }),
      );
      assert.deepEqual(sts.calls.at(-1)?.claims?.["https://aws.amazon.com/tags"], {
        principal_tags: { client: [up.clientId], username: [decodeJwt(idToken).sub] },
      });
    });

    test("Set/GetPrincipalTagAttributeMap for a provider the pool does not use: ResourceNotFoundException", async () => {
      await rejectsWith(
        c.admin.send(
          new SetPrincipalTagAttributeMapCommand({
            IdentityPoolId: poolId,
            IdentityProviderName: "accounts.google.com",
            UseDefaults: true,
          }),
        ),
        "ResourceNotFoundException",
      );
      await rejectsWith(
        c.admin.send(
          new GetPrincipalTagAttributeMapCommand({
            IdentityPoolId: poolId,
            IdentityProviderName: "accounts.google.com",
          }),
        ),
        "ResourceNotFoundException",
      );
    });
  });
}

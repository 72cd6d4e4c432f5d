import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  CreateIdentityPoolCommand,
  DeleteIdentityPoolCommand,
  DescribeIdentityPoolCommand,
  GetIdCommand,
  ListIdentityPoolsCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateIdentityPoolCommand,
} from "@aws-sdk/client-cognito-identity";
import { rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, rawCall, startTestServer, type TestServer } from "../support/server.ts";
import { createIdentityPool, identityClients } from "./helpers.ts";

const arnOf = (region: string, poolId: string) =>
  `arn:aws:cognito-identity:${region}:000000000000:identitypool/${poolId}`;

for (const backend of BACKENDS) {
  describe(`CreateIdentityPool, DescribeIdentityPool, UpdateIdentityPool, DeleteIdentityPool, ListIdentityPools, tags (${backend})`, () => {
    let t: TestServer;
    let c: ReturnType<typeof identityClients>;
    before(async () => {
      t = await startTestServer({ backend });
      c = identityClients(t);
    });
    after(async () => {
      c.destroy();
      await t.close();
    });

    test("CreateIdentityPool returns the pool with its id <region>:<uuid> and defaults; DescribeIdentityPool reads it back", async () => {
      const created = await c.admin.send(
        new CreateIdentityPoolCommand({
          IdentityPoolName: "My pool",
          AllowUnauthenticatedIdentities: true,
          DeveloperProviderName: "login.example",
          CognitoIdentityProviders: [
            {
              ProviderName: "cognito-idp.us-east-1.amazonaws.com/us-east-1_abcdefghi",
              ClientId: "client123",
            },
          ],
          SupportedLoginProviders: { "accounts.google.com": "123.apps.googleusercontent.com" },
          IdentityPoolTags: { env: "test" },
        }),
      );
      assert.match(created.IdentityPoolId!, new RegExp(`^${c.region}:[0-9a-f-]{36}$`));
      assert.equal(created.IdentityPoolName, "My pool");
      assert.equal(created.AllowUnauthenticatedIdentities, true);
      assert.equal(created.AllowClassicFlow, false);
      assert.equal(created.DeveloperProviderName, "login.example");
      assert.deepEqual(created.CognitoIdentityProviders, [
        {
          ProviderName: "cognito-idp.us-east-1.amazonaws.com/us-east-1_abcdefghi",
          ClientId: "client123",
          ServerSideTokenCheck: false,
        },
      ]);
      assert.deepEqual(created.IdentityPoolTags, { env: "test" });
      const described = await c.admin.send(
        new DescribeIdentityPoolCommand({ IdentityPoolId: created.IdentityPoolId }),
      );
      const { $metadata: _a, ...d } = described;
      const { $metadata: _b, ...cr } = created;
      assert.deepEqual(d, cr);
    });

    test("CreateIdentityPool validates input against the model (name pattern, required flag)", async () => {
      await rejectsWith(
        c.admin.send(
          new CreateIdentityPoolCommand({
            IdentityPoolName: "bad/name!",
            AllowUnauthenticatedIdentities: true,
          }),
        ),
        "InvalidParameterException",
        /identityPoolName/,
      );
      const r = await rawCall(t.url, "AWSCognitoIdentityService.CreateIdentityPool", {
        IdentityPoolName: "x",
      });
      assert.equal(r.json.__type, "MissingAuthenticationTokenException");
    });

    test("UpdateIdentityPool replaces the settings (unspecified ones return to defaults) and keeps tags", async () => {
      const id = await createIdentityPool(c.admin, {
        AllowClassicFlow: true,
        SupportedLoginProviders: { "graph.facebook.com": "42" },
        IdentityPoolTags: { team: "a" },
      });
      const updated = await c.admin.send(
        new UpdateIdentityPoolCommand({
          IdentityPoolId: id,
          IdentityPoolName: "renamed",
          AllowUnauthenticatedIdentities: false,
        }),
      );
      assert.equal(updated.IdentityPoolName, "renamed");
      assert.equal(updated.AllowUnauthenticatedIdentities, false);
      assert.equal(updated.AllowClassicFlow, false);
      assert.equal(updated.SupportedLoginProviders, undefined);
      assert.deepEqual(updated.IdentityPoolTags, { team: "a" });
      await rejectsWith(
        c.anon.send(new GetIdCommand({ IdentityPoolId: id })),
        "NotAuthorizedException",
        "Unauthenticated access is not supported for this identity pool.",
      );
    });

    test("UpdateIdentityPool cannot change a developer provider name once set", async () => {
      const id = await createIdentityPool(c.admin, { DeveloperProviderName: "dev.one" });
      await rejectsWith(
        c.admin.send(
          new UpdateIdentityPoolCommand({
            IdentityPoolId: id,
            IdentityPoolName: "x",
            AllowUnauthenticatedIdentities: true,
            DeveloperProviderName: "dev.two",
          }),
        ),
        "InvalidParameterException",
        "DeveloperProviderName cannot be changed once it is set.",
      );
      const kept = await c.admin.send(
        new UpdateIdentityPoolCommand({
          IdentityPoolId: id,
          IdentityPoolName: "x",
          AllowUnauthenticatedIdentities: true,
        }),
      );
      assert.equal(kept.DeveloperProviderName, "dev.one");
    });

    test("DeleteIdentityPool removes the pool and its identities; a second delete is ResourceNotFoundException", async () => {
      const id = await createIdentityPool(c.admin);
      await c.anon.send(new GetIdCommand({ IdentityPoolId: id }));
      await c.admin.send(new DeleteIdentityPoolCommand({ IdentityPoolId: id }));
      await rejectsWith(
        c.admin.send(new DescribeIdentityPoolCommand({ IdentityPoolId: id })),
        "ResourceNotFoundException",
        `IdentityPool '${id}' not found.`,
      );
      await rejectsWith(
        c.admin.send(new DeleteIdentityPoolCommand({ IdentityPoolId: id })),
        "ResourceNotFoundException",
        `IdentityPool '${id}' not found.`,
      );
      await rejectsWith(
        c.admin.send(
          new UpdateIdentityPoolCommand({
            IdentityPoolId: id,
            IdentityPoolName: "x",
            AllowUnauthenticatedIdentities: true,
          }),
        ),
        "ResourceNotFoundException",
      );
    });

    test("ListIdentityPools pages with MaxResults and NextToken", async () => {
      const ids = [
        await createIdentityPool(c.admin),
        await createIdentityPool(c.admin),
        await createIdentityPool(c.admin),
      ];
      const seen: string[] = [];
      let NextToken: string | undefined;
      do {
        const page = await c.admin.send(
          new ListIdentityPoolsCommand({ MaxResults: 2, ...(NextToken ? { NextToken } : {}) }),
        );
        assert.ok(page.IdentityPools!.length <= 2);
        for (const p of page.IdentityPools!) {
          if (ids.includes(p.IdentityPoolId!)) assert.equal(p.IdentityPoolName, "test identities");
          seen.push(p.IdentityPoolId!);
        }
        NextToken = page.NextToken;
      } while (NextToken);
      for (const id of ids) assert.ok(seen.includes(id));
      assert.equal(new Set(seen).size, seen.length);
    });

    test("ListIdentityPools: MaxResults out of range is InvalidParameterException", async () => {
      await rejectsWith(
        c.admin.send(new ListIdentityPoolsCommand({ MaxResults: 0 })),
        "InvalidParameterException",
        /maxResults/,
      );
    });

    test("TagResource, ListTagsForResource, UntagResource", async () => {
      const id = await createIdentityPool(c.admin, { IdentityPoolTags: { a: "1" } });
      const arn = arnOf(c.region, id);
      await c.admin.send(new TagResourceCommand({ ResourceArn: arn, Tags: { b: "2", a: "updated" } }));
      assert.deepEqual((await c.admin.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags, {
        a: "updated",
        b: "2",
      });
      await c.admin.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ["a", "missing"] }));
      assert.deepEqual((await c.admin.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags, {
        b: "2",
      });
      assert.deepEqual(
        (await c.admin.send(new DescribeIdentityPoolCommand({ IdentityPoolId: id }))).IdentityPoolTags,
        { b: "2" },
      );
    });

    test("tagging an unknown pool: ResourceNotFoundException; more than 50 tags: InvalidParameterException", async () => {
      const missing = arnOf(c.region, `${c.region}:00000000-0000-4000-8000-000000000000`);
      await rejectsWith(
        c.admin.send(new TagResourceCommand({ ResourceArn: missing, Tags: { a: "1" } })),
        "ResourceNotFoundException",
      );
      await rejectsWith(
        c.admin.send(new UntagResourceCommand({ ResourceArn: missing, TagKeys: ["a"] })),
        "ResourceNotFoundException",
      );
      await rejectsWith(
        c.admin.send(new ListTagsForResourceCommand({ ResourceArn: missing })),
        "ResourceNotFoundException",
      );
      const id = await createIdentityPool(c.admin);
      const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
      await rejectsWith(
        c.admin.send(new TagResourceCommand({ ResourceArn: arnOf(c.region, id), Tags: many })),
        "InvalidParameterException",
        "An identity pool can have at most 50 tags.",
      );
    });
  });
}

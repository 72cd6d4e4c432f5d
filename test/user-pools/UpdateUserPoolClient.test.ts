import assert from "node:assert/strict";
import { after, afterEach, before, describe, test } from "node:test";
import {
  DescribeUserPoolClientCommand,
  UpdateUserPoolClientCommand,
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
    afterEach(() => t.clock.set(new Date()));

    test("applies the given settings, returns the client and keeps id and secret", async () => {
      const { poolId, clientId, client } = await createPoolAndClient(t.idp, {}, { GenerateSecret: true });
      t.clock.advance(60_000);
      const { UserPoolClient: updated } = await t.idp.send(
        new UpdateUserPoolClientCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          ClientName: "renamed",
          ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
          AccessTokenValidity: 30,
          IdTokenValidity: 30,
          RefreshTokenValidity: 7,
          TokenValidityUnits: { AccessToken: "minutes", IdToken: "minutes", RefreshToken: "days" },
          CallbackURLs: ["https://app.example.com/cb"],
          DefaultRedirectURI: "https://app.example.com/cb",
          PreventUserExistenceErrors: "ENABLED",
        }),
      );
      assert.equal(updated?.ClientName, "renamed");
      assert.equal(updated?.ClientId, clientId);
      assert.equal(updated?.ClientSecret, client.ClientSecret);
      assert.deepEqual(updated?.ExplicitAuthFlows, ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]);
      assert.equal(updated?.AccessTokenValidity, 30);
      assert.equal(updated?.RefreshTokenValidity, 7);
      assert.equal(updated?.DefaultRedirectURI, "https://app.example.com/cb");
      assert.equal(updated?.PreventUserExistenceErrors, "ENABLED");
      assert.equal(updated?.CreationDate?.getTime(), client.CreationDate?.getTime());
      assert.ok(updated!.LastModifiedDate!.getTime() >= client.LastModifiedDate!.getTime() + 59_000);
      const { UserPoolClient: described } = await t.idp.send(
        new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }),
      );
      assert.deepEqual(described, updated);
    });

    // API reference, UpdateUserPoolClient: "If you don't provide a value for an attribute,
    // Amazon Cognito sets it to its default value."
    test("settings the request leaves out go back to their defaults; the name is kept", async () => {
      const { poolId, clientId } = await createPoolAndClient(
        t.idp,
        {},
        {
          ClientName: "keep-me",
          CallbackURLs: ["https://app.example.com/cb"],
          ReadAttributes: ["email"],
          RefreshTokenValidity: 10,
          AccessTokenValidity: 2,
          PreventUserExistenceErrors: "ENABLED",
          EnableTokenRevocation: false,
        },
      );
      const { UserPoolClient: c } = await t.idp.send(
        new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId, AuthSessionValidity: 5 }),
      );
      assert.equal(c?.ClientName, "keep-me");
      assert.equal(c?.AuthSessionValidity, 5);
      assert.equal(c?.CallbackURLs, undefined);
      assert.equal(c?.ReadAttributes, undefined);
      assert.equal(c?.RefreshTokenValidity, 30);
      assert.equal(c?.AccessTokenValidity, 60);
      assert.deepEqual(c?.TokenValidityUnits, {
        AccessToken: "minutes",
        IdToken: "minutes",
        RefreshToken: "days",
      });
      assert.deepEqual([...(c?.ExplicitAuthFlows ?? [])].sort(), [
        "ALLOW_CUSTOM_AUTH",
        "ALLOW_REFRESH_TOKEN_AUTH",
        "ALLOW_USER_SRP_AUTH",
      ]);
      assert.equal(c?.PreventUserExistenceErrors, "LEGACY");
      assert.equal(c?.EnableTokenRevocation, true);
    });

    test("an unknown client is ResourceNotFoundException", async () => {
      const { poolId } = await createPoolAndClient(t.idp);
      await rejectsWith(
        t.idp.send(
          new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: "abcdefghijklmnopqrstuvwxyz" }),
        ),
        "ResourceNotFoundException",
        "User pool client abcdefghijklmnopqrstuvwxyz does not exist.",
      );
    });

    test("an out-of-range validity is rejected and nothing changes", async () => {
      const { poolId, clientId, client } = await createPoolAndClient(t.idp);
      await rejectsWith(
        t.idp.send(
          new UpdateUserPoolClientCommand({
            UserPoolId: poolId,
            ClientId: clientId,
            ClientName: "x",
            IdTokenValidity: 48,
          }),
        ),
        "InvalidParameterException",
        "Invalid range for token validity.",
      );
      const { UserPoolClient } = await t.idp.send(
        new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }),
      );
      assert.deepEqual(UserPoolClient, client);
    });

    test("DefaultRedirectURI must be one of the CallbackURLs", async () => {
      const { poolId, clientId } = await createPoolAndClient(t.idp);
      await rejectsWith(
        t.idp.send(
          new UpdateUserPoolClientCommand({
            UserPoolId: poolId,
            ClientId: clientId,
            CallbackURLs: ["https://a.example.com/cb"],
            DefaultRedirectURI: "https://b.example.com/cb",
          }),
        ),
        "InvalidParameterException",
        "DefaultRedirectURI must be one of the CallbackURLs.",
      );
    });
  });
}

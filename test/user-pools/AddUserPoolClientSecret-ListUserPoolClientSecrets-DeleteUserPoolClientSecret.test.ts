// Client secret rotation (API reference: AddUserPoolClientSecret, ListUserPoolClientSecrets,
// DeleteUserPoolClientSecret; up to 2 active secrets per app client).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AddUserPoolClientSecretCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolDomainCommand,
  DeleteUserPoolClientSecretCommand,
  DescribeUserPoolClientCommand,
  InitiateAuthCommand,
  ListUserPoolClientSecretsCommand,
  RevokeTokenCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { computeSecretHash } from "../../src/user-pools/domain/secret-hash.ts";
import { createOAuthClient, createResourceServer, tokenRequest } from "../oauth/helpers.ts";
import { createPoolAndClient, createUser, GOOD_PASSWORD, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";

for (const backend of BACKENDS) {
  describe(`client secrets (${backend})`, () => {
    let t: TestServer;
    before(async () => {
      t = await startTestServer({ backend });
    });
    after(() => t.close());

    const signIn = (clientId: string, secret: string) =>
      t.publicIdp.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: {
            USERNAME: "rita",
            PASSWORD: GOOD_PASSWORD,
            SECRET_HASH: computeSecretHash(secret, "rita", clientId),
          },
        }),
      );

    test("rotation: add a second secret, SECRET_HASH works with either, delete the old one, only the new one works", async () => {
      const { poolId, clientId, clientSecret } = await createPoolAndClient(
        t.idp,
        {},
        { GenerateSecret: true },
      );
      await createUser(t.idp, poolId, "rita");
      await t.idp.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: poolId,
          Username: "rita",
          Password: GOOD_PASSWORD,
          Permanent: true,
        }),
      );
      const old = clientSecret!;

      const listed = await t.idp.send(
        new ListUserPoolClientSecretsCommand({ UserPoolId: poolId, ClientId: clientId }),
      );
      assert.equal(listed.ClientSecrets!.length, 1);
      const oldId = listed.ClientSecrets![0]!.ClientSecretId!;
      assert.ok(oldId.startsWith(`${clientId}--`), oldId);
      assert.equal(listed.ClientSecrets![0]!.ClientSecretValue, undefined);

      const added = await t.idp.send(
        new AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: clientId }),
      );
      const d = added.ClientSecretDescriptor!;
      const fresh = d.ClientSecretValue!;
      assert.match(fresh, /^[a-z0-9]{51}$/);
      assert.ok(d.ClientSecretId!.startsWith(`${clientId}--`));
      assert.ok(d.ClientSecretCreateDate instanceof Date);
      assert.notEqual(d.ClientSecretId, oldId);

      const both = await t.idp.send(
        new ListUserPoolClientSecretsCommand({ UserPoolId: poolId, ClientId: clientId }),
      );
      assert.deepEqual(
        both.ClientSecrets!.map((s) => s.ClientSecretId),
        [oldId, d.ClientSecretId],
      );
      assert.ok((await signIn(clientId, old)).AuthenticationResult?.AccessToken);
      const withNew = await signIn(clientId, fresh);
      assert.ok(withNew.AuthenticationResult?.AccessToken);
      // RevokeToken takes the client secret itself: the new one is accepted too.
      await t.publicIdp.send(
        new RevokeTokenCommand({
          ClientId: clientId,
          ClientSecret: fresh,
          Token: withNew.AuthenticationResult!.RefreshToken!,
        }),
      );

      await t.idp.send(
        new DeleteUserPoolClientSecretCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          ClientSecretId: oldId,
        }),
      );
      await rejectsWith(
        signIn(clientId, old),
        "NotAuthorizedException",
        `Unable to verify secret hash for client ${clientId}`,
      );
      assert.ok((await signIn(clientId, fresh)).AuthenticationResult?.AccessToken);
      const after = await t.idp.send(
        new ListUserPoolClientSecretsCommand({ UserPoolId: poolId, ClientId: clientId }),
      );
      assert.deepEqual(
        after.ClientSecrets!.map((s) => s.ClientSecretId),
        [d.ClientSecretId],
      );
      // The client stays confidential; DescribeUserPoolClient shows a current secret.
      const described = await t.idp.send(
        new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }),
      );
      assert.equal(described.UserPoolClient!.ClientSecret, fresh);
    });

    test("a secret the caller provides is not echoed back, and it works for SECRET_HASH", async () => {
      const { poolId, clientId } = await createPoolAndClient(t.idp, {}, { GenerateSecret: true });
      await createUser(t.idp, poolId, "rita");
      await t.idp.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: poolId,
          Username: "rita",
          Password: GOOD_PASSWORD,
          Permanent: true,
        }),
      );
      const mine = "my_own_secret_value_1234567890";
      const added = await t.idp.send(
        new AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: clientId, ClientSecret: mine }),
      );
      assert.equal(added.ClientSecretDescriptor!.ClientSecretValue, undefined);
      assert.ok((await signIn(clientId, mine)).AuthenticationResult?.AccessToken);
    });

    test("/oauth2/token accepts either current secret for client_credentials", async () => {
      const { poolId } = await createPoolAndClient(t.idp);
      await createResourceServer(t.idp, poolId, "https://api.example.com", ["read"]);
      await t.idp.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: `rotate-${backend}` }));
      const m = await createOAuthClient(t.idp, poolId, {
        GenerateSecret: true,
        AllowedOAuthFlows: ["client_credentials"],
        AllowedOAuthScopes: ["https://api.example.com/read"],
        CallbackURLs: undefined,
        LogoutURLs: undefined,
      });
      const added = await t.idp.send(
        new AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: m.clientId }),
      );
      for (const secret of [m.clientSecret!, added.ClientSecretDescriptor!.ClientSecretValue!]) {
        const r = await tokenRequest(t.url, poolId, {
          grant_type: "client_credentials",
          client_id: m.clientId,
          client_secret: secret,
        });
        assert.equal(r.status, 200, JSON.stringify(r.json));
        assert.ok(r.json.access_token);
      }
      const bad = await tokenRequest(t.url, poolId, {
        grant_type: "client_credentials",
        client_id: m.clientId,
        client_secret: "x".repeat(51),
      });
      assert.equal(bad.json.error, "invalid_client");
    });

    test("errors: a third secret, a public client, an unknown secret id, the last secret, an unknown client", async () => {
      const { poolId, clientId } = await createPoolAndClient(t.idp, {}, { GenerateSecret: true });
      await t.idp.send(new AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: clientId }));
      await rejectsWith(
        t.idp.send(new AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: clientId })),
        "LimitExceededException",
        `Client ${clientId} already has the maximum of 2 client secrets.`,
      );
      await rejectsWith(
        t.idp.send(
          new DeleteUserPoolClientSecretCommand({
            UserPoolId: poolId,
            ClientId: clientId,
            ClientSecretId: `${clientId}--1`,
          }),
        ),
        "ResourceNotFoundException",
      );
      const [first, second] = (
        await t.idp.send(new ListUserPoolClientSecretsCommand({ UserPoolId: poolId, ClientId: clientId }))
      ).ClientSecrets!;
      await t.idp.send(
        new DeleteUserPoolClientSecretCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          ClientSecretId: first!.ClientSecretId,
        }),
      );
      await rejectsWith(
        t.idp.send(
          new DeleteUserPoolClientSecretCommand({
            UserPoolId: poolId,
            ClientId: clientId,
            ClientSecretId: second!.ClientSecretId,
          }),
        ),
        "InvalidParameterException",
        `Client ${clientId} must keep at least one client secret.`,
      );

      const pub = await createPoolAndClient(t.idp);
      await rejectsWith(
        t.idp.send(new AddUserPoolClientSecretCommand({ UserPoolId: pub.poolId, ClientId: pub.clientId })),
        "InvalidParameterException",
        `Client ${pub.clientId} is not configured with a secret.`,
      );
      await rejectsWith(
        t.idp.send(
          new ListUserPoolClientSecretsCommand({
            UserPoolId: poolId,
            ClientId: "nosuchclient1234567890abcd",
          }),
        ),
        "ResourceNotFoundException",
        "User pool client nosuchclient1234567890abcd does not exist.",
      );
      await rejectsWith(
        t.idp.send(
          new AddUserPoolClientSecretCommand({
            UserPoolId: poolId,
            ClientId: clientId,
            ClientSecret: "short",
          }),
        ),
        "InvalidParameterException",
      );
    });
  });
}

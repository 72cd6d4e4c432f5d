// AdminLinkProviderForUser and AdminDisableProviderForUser through the API alone (API reference).
// The sign-ins these links change are in test/oauth/federation.test.ts.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AdminDisableProviderForUserCommand,
  AdminGetUserCommand,
  AdminLinkProviderForUserCommand,
  type AdminLinkProviderForUserRequest,
  CreateIdentityProviderCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, createUser, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";

for (const backend of BACKENDS) {
  describe(`AdminLinkProviderForUser, AdminDisableProviderForUser (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    const link = (over: Partial<AdminLinkProviderForUserRequest> = {}) =>
      t.idp.send(
        new AdminLinkProviderForUserCommand({
          UserPoolId: poolId,
          DestinationUser: { ProviderName: "Cognito", ProviderAttributeValue: "dora" },
          SourceUser: {
            ProviderName: "Corp",
            ProviderAttributeName: "Cognito_Subject",
            ProviderAttributeValue: "s-1",
          },
          ...over,
        }),
      );
    const identitiesOf = async (username: string) => {
      const u = await t.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
      const v = u.UserAttributes!.find((a) => a.Name === "identities")?.Value;
      return v === undefined
        ? undefined
        : (JSON.parse(v) as { userId: string; providerName: string; primary: boolean }[]);
    };

    before(async () => {
      t = await startTestServer({ backend });
      ({ poolId } = await createPoolAndClient(t.idp));
      await t.idp.send(
        new CreateIdentityProviderCommand({
          UserPoolId: poolId,
          ProviderName: "Corp",
          ProviderType: "OIDC",
          ProviderDetails: {
            client_id: "c",
            client_secret: "s",
            authorize_scopes: "openid email",
            oidc_issuer: "https://login.corp.example",
          },
          AttributeMapping: { email: "email" },
        }),
      );
      await t.idp.send(
        new CreateIdentityProviderCommand({
          UserPoolId: poolId,
          ProviderName: "Google",
          ProviderType: "Google",
          ProviderDetails: { client_id: "g", client_secret: "s", authorize_scopes: "openid email" },
        }),
      );
      await createUser(t.idp, poolId, "dora");
      await createUser(t.idp, poolId, "eve");
    });
    after(() => t.close());

    test("a link shows in the destination's identities attribute; AdminDisableProviderForUser removes it", async () => {
      await link();
      await link({
        SourceUser: {
          ProviderName: "Corp",
          ProviderAttributeName: "email",
          ProviderAttributeValue: "d@corp.example",
        },
      });
      const ids = await identitiesOf("dora");
      assert.deepEqual(
        ids!.map((i) => [i.providerName, i.userId, i.primary]),
        [
          ["Corp", "s-1", false],
          ["Corp", "d@corp.example", false],
        ],
      );
      await t.idp.send(
        new AdminDisableProviderForUserCommand({
          UserPoolId: poolId,
          User: {
            ProviderName: "Corp",
            ProviderAttributeName: "Cognito_Subject",
            ProviderAttributeValue: "s-1",
          },
        }),
      );
      assert.deepEqual(
        (await identitiesOf("dora"))!.map((i) => i.userId),
        ["d@corp.example"],
      );
      await t.idp.send(
        new AdminDisableProviderForUserCommand({
          UserPoolId: poolId,
          User: {
            ProviderName: "Corp",
            ProviderAttributeName: "email",
            ProviderAttributeValue: "d@corp.example",
          },
        }),
      );
      assert.equal(await identitiesOf("dora"), undefined);
    });

    test("the same external identity links once (Cognito's message)", async () => {
      await link({
        SourceUser: {
          ProviderName: "Corp",
          ProviderAttributeName: "Cognito_Subject",
          ProviderAttributeValue: "s-2",
        },
      });
      await rejectsWith(
        link({
          DestinationUser: { ProviderName: "Cognito", ProviderAttributeValue: "eve" },
          SourceUser: {
            ProviderName: "Corp",
            ProviderAttributeName: "Cognito_Subject",
            ProviderAttributeValue: "s-2",
          },
        }),
        "InvalidParameterException",
        "SourceUser is already linked to DestinationUser",
      );
    });

    test("a user has at most five linked identities", async () => {
      for (let i = 0; i < 5; i++)
        await link({
          DestinationUser: { ProviderName: "Cognito", ProviderAttributeValue: "eve" },
          SourceUser: {
            ProviderName: "Corp",
            ProviderAttributeName: "Cognito_Subject",
            ProviderAttributeValue: `eve-${i}`,
          },
        });
      await rejectsWith(
        link({
          DestinationUser: { ProviderName: "Cognito", ProviderAttributeValue: "eve" },
          SourceUser: {
            ProviderName: "Corp",
            ProviderAttributeName: "Cognito_Subject",
            ProviderAttributeValue: "eve-5",
          },
        }),
        "LimitExceededException",
        "A user can have at most 5 linked identities.",
      );
      assert.equal((await identitiesOf("eve"))!.length, 5);
    });

    test("what a link cannot be made from or to", async () => {
      await rejectsWith(
        link({ DestinationUser: { ProviderName: "Cognito", ProviderAttributeValue: "nobody" } }),
        "UserNotFoundException",
        "User does not exist.",
      );
      await rejectsWith(
        link({ DestinationUser: { ProviderName: "Corp", ProviderAttributeValue: "never-signed-in" } }),
        "UserNotFoundException",
        "User does not exist.",
      );
      await rejectsWith(
        link({
          SourceUser: {
            ProviderName: "Cognito",
            ProviderAttributeName: "Cognito_Subject",
            ProviderAttributeValue: "eve",
          },
        }),
        "InvalidParameterException",
        "SourceUser must be a user of an external identity provider, not of the user pool.",
      );
      await rejectsWith(
        link({
          SourceUser: {
            ProviderName: "Nope",
            ProviderAttributeName: "Cognito_Subject",
            ProviderAttributeValue: "x",
          },
        }),
        "ResourceNotFoundException",
        "Identity provider Nope does not exist.",
      );
      // Social providers link by their user id only (API reference, SourceUser).
      await rejectsWith(
        link({
          SourceUser: {
            ProviderName: "Google",
            ProviderAttributeName: "email",
            ProviderAttributeValue: "x@y",
          },
        }),
        "InvalidParameterException",
        "The ProviderAttributeName of a Google SourceUser must be Cognito_Subject.",
      );
      await rejectsWith(
        link({ SourceUser: { ProviderName: "Corp", ProviderAttributeValue: "x" } }),
        "InvalidParameterException",
        "SourceUser needs ProviderName, ProviderAttributeName and ProviderAttributeValue.",
      );
      await rejectsWith(link({ UserPoolId: "us-east-1_nothere" }), "ResourceNotFoundException");
    });

    test("AdminDisableProviderForUser: nothing to disable is UserNotFoundException; native users go through AdminDisableUser", async () => {
      await rejectsWith(
        t.idp.send(
          new AdminDisableProviderForUserCommand({
            UserPoolId: poolId,
            User: {
              ProviderName: "Corp",
              ProviderAttributeName: "Cognito_Subject",
              ProviderAttributeValue: "never",
            },
          }),
        ),
        "UserNotFoundException",
        "User does not exist.",
      );
      await rejectsWith(
        t.idp.send(
          new AdminDisableProviderForUserCommand({
            UserPoolId: poolId,
            User: {
              ProviderName: "Cognito",
              ProviderAttributeName: "Cognito_Subject",
              ProviderAttributeValue: "dora",
            },
          }),
        ),
        "InvalidParameterException",
        "cognate does not disable users of the user pool here; use AdminDisableUser.",
      );
    });
  });
}

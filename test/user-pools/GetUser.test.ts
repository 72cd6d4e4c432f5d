// GetUser, and the access-token checks every token-authorised operation shares
// (API reference, GetUser; GlobalSignOut: "Access Token has been revoked").
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  GetUserCommand,
  GlobalSignOutCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, rawCall, startTestServer, type TestServer } from "../support/server.ts";
import { signedInUser } from "../support/signed-in.ts";

for (const backend of BACKENDS) {
  describe(`GetUser (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    let clientId: string;
    before(async () => {
      t = await startTestServer({ backend });
      ({ poolId, clientId } = await createPoolAndClient(t.idp, {
        Schema: [{ Name: "team", AttributeDataType: "String", Mutable: true }],
      }));
    });
    after(() => t.close());

    const getUser = (AccessToken: string) => t.publicIdp.send(new GetUserCommand({ AccessToken }));

    test("returns the username and attributes, sub first, and no MFA members for a user without MFA", async () => {
      const tokens = await signedInUser(t, poolId, clientId, "ada", {
        email: "ada@example.com",
        email_verified: "true",
        "custom:team": "blue",
      });
      const res = await getUser(tokens.AccessToken!);
      const admin = await t.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "ada" }));
      const sub = admin.UserAttributes!.find((a) => a.Name === "sub")!.Value!;
      assert.equal(res.Username, "ada");
      assert.deepEqual(res.UserAttributes![0], { Name: "sub", Value: sub });
      assert.deepEqual(Object.fromEntries(res.UserAttributes!.map((a) => [a.Name, a.Value])), {
        sub,
        email: "ada@example.com",
        email_verified: "true",
        "custom:team": "blue",
      });
      assert.equal(res.MFAOptions, undefined);
      assert.equal(res.PreferredMfaSetting, undefined);
      assert.equal(res.UserMFASettingList, undefined);
    });

    test("the wire answer has exactly Username and UserAttributes", async () => {
      const tokens = await signedInUser(t, poolId, clientId, "babbage");
      const res = await rawCall(t.url, "AWSCognitoIdentityProviderService.GetUser", {
        AccessToken: tokens.AccessToken,
      });
      assert.equal(res.status, 200);
      assert.deepEqual(Object.keys(res.json).sort(), ["UserAttributes", "Username"]);
    });

    test("a token that is not a JWT, or whose signature does not match, is NotAuthorizedException: Invalid Access Token", async () => {
      await rejectsWith(getUser("not-a-token"), "NotAuthorizedException", "Invalid Access Token");
      const tokens = await signedInUser(t, poolId, clientId, "curie");
      const [h, p, s] = tokens.AccessToken!.split(".");
      const forged = `${h}.${p}.${s!.startsWith("A") ? "B" : "A"}${s!.slice(1)}`;
      await rejectsWith(getUser(forged), "NotAuthorizedException", "Invalid Access Token");
      const res = await rawCall(t.url, "AWSCognitoIdentityProviderService.GetUser", {
        AccessToken: "abc.def.ghi",
      });
      assert.equal(res.status, 400);
      assert.deepEqual(res.json, { __type: "NotAuthorizedException", message: "Invalid Access Token" });
    });

    test("an ID token passed as AccessToken is refused", async () => {
      const tokens = await signedInUser(t, poolId, clientId, "darwin");
      await rejectsWith(getUser(tokens.IdToken!), "NotAuthorizedException", "Invalid Access Token");
    });

    test("after GlobalSignOut the access token is revoked", async () => {
      const tokens = await signedInUser(t, poolId, clientId, "euler");
      await t.publicIdp.send(new GlobalSignOutCommand({ AccessToken: tokens.AccessToken! }));
      await rejectsWith(
        getUser(tokens.AccessToken!),
        "NotAuthorizedException",
        "Access Token has been revoked",
      );
    });

    // API reference, AdminDisableUser: "Deactivates a user and revokes all access tokens for the user."
    test("a disabled user's token is refused", async () => {
      const tokens = await signedInUser(t, poolId, clientId, "faraday");
      await t.idp.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: "faraday" }));
      await rejectsWith(
        getUser(tokens.AccessToken!),
        "NotAuthorizedException",
        "Access Token has been revoked",
      );
    });

    test("a deleted user's token is refused: deleting the user ends their sessions", async () => {
      const tokens = await signedInUser(t, poolId, clientId, "gauss");
      await t.idp.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: "gauss" }));
      await rejectsWith(
        getUser(tokens.AccessToken!),
        "NotAuthorizedException",
        "Access Token has been revoked",
      );
    });

    // Access tokens live 1 hour by default (developer guide, "Using the access token").
    test("an access token past its expiry is NotAuthorizedException: Access Token has expired", async () => {
      const tokens = await signedInUser(t, poolId, clientId, "hopper");
      const hour = 3600_000;
      t.clock.advance(hour + 1000);
      try {
        await rejectsWith(getUser(tokens.AccessToken!), "NotAuthorizedException", "Access Token has expired");
      } finally {
        t.clock.advance(-(hour + 1000));
      }
      assert.equal((await getUser(tokens.AccessToken!)).Username, "hopper");
    });
  });
}

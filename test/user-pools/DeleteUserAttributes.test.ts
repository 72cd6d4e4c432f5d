import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  CreateUserPoolClientCommand,
  DeleteUserAttributesCommand,
  GetUserAttributeVerificationCodeCommand,
  GetUserCommand,
  VerifyUserAttributeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, latestMessage, startTestServer, type TestServer } from "../support/server.ts";
import { signedInUser, signIn } from "../support/signed-in.ts";

for (const backend of BACKENDS) {
  describe(`DeleteUserAttributes (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    let clientId: string;
    before(async () => {
      t = await startTestServer({ backend });
      ({ poolId, clientId } = await createPoolAndClient(t.idp, {
        Schema: [
          { Name: "given_name", AttributeDataType: "String", Mutable: true, Required: true },
          { Name: "team", AttributeDataType: "String", Mutable: true },
          { Name: "badge", AttributeDataType: "String", Mutable: false },
        ],
      }));
    });
    after(() => t.close());

    const del = (AccessToken: string, UserAttributeNames: string[]) =>
      t.publicIdp.send(new DeleteUserAttributesCommand({ AccessToken, UserAttributeNames }));
    const attributes = async (AccessToken: string) => {
      const res = await t.publicIdp.send(new GetUserCommand({ AccessToken }));
      return Object.fromEntries(
        res.UserAttributes!.filter((a) => a.Name !== "sub").map((a) => [a.Name, a.Value]),
      );
    };
    const person = {
      given_name: "Rae",
      email: "rae@example.com",
      email_verified: "true",
      nickname: "r",
      "custom:team": "blue",
      "custom:badge": "B-7",
    };

    test("deletes standard and custom attributes; an email takes email_verified with it", async () => {
      const { AccessToken } = await signedInUser(t, poolId, clientId, "rae", person);
      const res = await del(AccessToken!, ["nickname", "custom:team", "email"]);
      assert.deepEqual(Object.keys(res), ["$metadata"]);
      assert.deepEqual(await attributes(AccessToken!), { given_name: "Rae", "custom:badge": "B-7" });
    });

    test("a code sent to a deleted email no longer verifies anything", async () => {
      const { AccessToken } = await signedInUser(t, poolId, clientId, "sam", {
        ...person,
        email: "sam@example.com",
        email_verified: "false",
      });
      await t.publicIdp.send(
        new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName: "email" }),
      );
      const { code } = await latestMessage(t.url, poolId, "sam");
      await del(AccessToken!, ["email"]);
      await rejectsWith(
        t.publicIdp.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: "email", Code: code })),
        "InvalidParameterException",
        "Unable to verify attribute: email no value set to verify",
      );
    });

    test("required, immutable and unknown attributes are refused, and nothing is deleted", async () => {
      const { AccessToken } = await signedInUser(t, poolId, clientId, "tia", person);
      await rejectsWith(
        del(AccessToken!, ["nickname", "given_name"]),
        "InvalidParameterException",
        "Invalid user attributes: given_name: Required attribute cannot be deleted.",
      );
      await rejectsWith(
        del(AccessToken!, ["custom:badge"]),
        "InvalidParameterException",
        "Attributes did not conform to the schema: custom:badge: Attribute cannot be updated. (changing an immutable attribute)",
      );
      await rejectsWith(
        del(AccessToken!, ["sub"]),
        "InvalidParameterException",
        "Attributes did not conform to the schema: sub: Attribute cannot be updated. (changing an immutable attribute)",
      );
      await rejectsWith(
        del(AccessToken!, ["custom:nope"]),
        "InvalidParameterException",
        "Attributes did not conform to the schema: custom:nope: Attribute does not exist in the schema.",
      );
      assert.deepEqual(await attributes(AccessToken!), person);
    });

    test("verification flags and attributes outside the client's WriteAttributes are NotAuthorizedException", async () => {
      const { AccessToken } = await signedInUser(t, poolId, clientId, "uma", person);
      await rejectsWith(
        del(AccessToken!, ["email_verified"]),
        "NotAuthorizedException",
        "A client attempted to write unauthorized attribute",
      );
      const { UserPoolClient } = await t.idp.send(
        new CreateUserPoolClientCommand({
          UserPoolId: poolId,
          ClientName: "nickname-only",
          ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
          WriteAttributes: ["nickname"],
        }),
      );
      const limited = await signIn(t, UserPoolClient!.ClientId!, "uma");
      await rejectsWith(
        del(limited.AccessToken!, ["email"]),
        "NotAuthorizedException",
        "A client attempted to write unauthorized attribute",
      );
      await del(limited.AccessToken!, ["nickname"]);
      const { nickname: _gone, ...rest } = person;
      assert.deepEqual(await attributes(AccessToken!), rest);
    });

    test("an invalid token is refused", async () => {
      await rejectsWith(del("nope", ["nickname"]), "NotAuthorizedException", "Invalid Access Token");
    });
  });
}

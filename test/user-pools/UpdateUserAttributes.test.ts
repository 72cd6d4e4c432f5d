// API reference, UpdateUserAttributes; developer guide, "Verifying updates to email addresses and phone numbers".
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  CreateUserPoolClientCommand,
  GetUserCommand,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, latestMessage, startTestServer, type TestServer } from "../support/server.ts";
import { signedInUser, signIn } from "../support/signed-in.ts";

for (const backend of BACKENDS) {
  describe(`UpdateUserAttributes (${backend})`, () => {
    let t: TestServer;
    /** Auto-verifies email and phone; email is required. */
    let auto: { poolId: string; clientId: string };
    /** Verifies nothing automatically. */
    let manual: { poolId: string; clientId: string };
    /** Signs in with email, which must be verified before an update takes effect. */
    let byEmail: { poolId: string; clientId: string };
    before(async () => {
      t = await startTestServer({ backend });
      auto = await createPoolAndClient(t.idp, {
        AutoVerifiedAttributes: ["email", "phone_number"],
        Schema: [
          { Name: "email", AttributeDataType: "String", Mutable: true, Required: true },
          { Name: "team", AttributeDataType: "String", Mutable: true },
          { Name: "badge", AttributeDataType: "String", Mutable: false },
        ],
      });
      manual = await createPoolAndClient(t.idp);
      byEmail = await createPoolAndClient(t.idp, {
        UsernameAttributes: ["email"],
        AutoVerifiedAttributes: ["email"],
        UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email"] },
      });
    });
    after(() => t.close());

    const update = (AccessToken: string, attrs: Record<string, string>) =>
      t.publicIdp.send(
        new UpdateUserAttributesCommand({
          AccessToken,
          UserAttributes: Object.entries(attrs).map(([Name, Value]) => ({ Name, Value })),
        }),
      );
    const attributes = async (AccessToken: string) => {
      const res = await t.publicIdp.send(new GetUserCommand({ AccessToken }));
      return Object.fromEntries(
        res.UserAttributes!.filter((a) => a.Name !== "sub").map((a) => [a.Name, a.Value]),
      );
    };

    test("updates standard and custom attributes; no code is sent for them", async () => {
      const { AccessToken } = await signedInUser(t, auto.poolId, auto.clientId, "ava", {
        email: "ava@example.com",
        email_verified: "true",
      });
      const res = await update(AccessToken!, { name: "Ava", "custom:team": "red" });
      assert.equal(res.CodeDeliveryDetailsList, undefined);
      assert.deepEqual(await attributes(AccessToken!), {
        email: "ava@example.com",
        email_verified: "true",
        name: "Ava",
        "custom:team": "red",
      });
    });

    test("a new email and phone number become unverified and receive codes where the pool auto-verifies them", async () => {
      const { AccessToken } = await signedInUser(t, auto.poolId, auto.clientId, "bo", {
        email: "bo@example.com",
        email_verified: "true",
      });
      const res = await update(AccessToken!, { email: "new-bo@example.com", phone_number: "+15555550123" });
      assert.deepEqual(res.CodeDeliveryDetailsList, [
        { AttributeName: "email", DeliveryMedium: "EMAIL", Destination: "n***@e***" },
        { AttributeName: "phone_number", DeliveryMedium: "SMS", Destination: "+*******0123" },
      ]);
      assert.deepEqual(await attributes(AccessToken!), {
        email: "new-bo@example.com",
        email_verified: "false",
        phone_number: "+15555550123",
        phone_number_verified: "false",
      });
      const sms = await latestMessage(t.url, auto.poolId, "bo");
      assert.equal(sms.channel, "SMS");
      assert.equal(sms.destination, "+15555550123");
      await t.publicIdp.send(
        new VerifyUserAttributeCommand({ AccessToken, AttributeName: "phone_number", Code: sms.code }),
      );
      assert.equal((await attributes(AccessToken!)).phone_number_verified, "true");
    });

    test("the same value again changes nothing and sends nothing", async () => {
      const { AccessToken } = await signedInUser(t, auto.poolId, auto.clientId, "cy", {
        email: "cy@example.com",
        email_verified: "true",
      });
      const res = await update(AccessToken!, { email: "cy@example.com" });
      assert.equal(res.CodeDeliveryDetailsList, undefined);
      assert.equal((await attributes(AccessToken!)).email_verified, "true");
    });

    test("without auto-verification a new email is unverified and no code is sent", async () => {
      const { AccessToken } = await signedInUser(t, manual.poolId, manual.clientId, "dee", {
        email: "dee@example.com",
        email_verified: "true",
      });
      const res = await update(AccessToken!, { email: "dee2@example.com" });
      assert.equal(res.CodeDeliveryDetailsList, undefined);
      assert.deepEqual(await attributes(AccessToken!), {
        email: "dee2@example.com",
        email_verified: "false",
      });
    });

    // "Your user can sign in and receive messages with the original attribute value until they verify the new value."
    test("with AttributesRequireVerificationBeforeUpdate the old email stays in use until the new one is verified", async () => {
      const { AccessToken } = await signedInUser(t, byEmail.poolId, byEmail.clientId, "old@example.com", {
        email: "old@example.com",
        email_verified: "true",
      });
      const res = await update(AccessToken!, { email: "new@example.com" });
      assert.deepEqual(res.CodeDeliveryDetailsList, [
        { AttributeName: "email", DeliveryMedium: "EMAIL", Destination: "n***@e***" },
      ]);
      assert.deepEqual(await attributes(AccessToken!), { email: "old@example.com", email_verified: "true" });
      assert.ok((await signIn(t, byEmail.clientId, "old@example.com")).AccessToken);
      await rejectsWith(
        signIn(t, byEmail.clientId, "new@example.com"),
        "UserNotFoundException",
        "User does not exist.",
      );

      const username = (await t.publicIdp.send(new GetUserCommand({ AccessToken }))).Username!;
      const mail = await latestMessage(t.url, byEmail.poolId, username);
      assert.equal(mail.destination, "new@example.com");
      await t.publicIdp.send(
        new VerifyUserAttributeCommand({ AccessToken, AttributeName: "email", Code: mail.code }),
      );
      assert.deepEqual(await attributes(AccessToken!), { email: "new@example.com", email_verified: "true" });
      assert.ok((await signIn(t, byEmail.clientId, "new@example.com")).AccessToken);
      await rejectsWith(
        signIn(t, byEmail.clientId, "old@example.com"),
        "UserNotFoundException",
        "User does not exist.",
      );
    });

    test("an email another user signs in with is AliasExistsException", async () => {
      await signedInUser(t, byEmail.poolId, byEmail.clientId, "taken@example.com", {
        email: "taken@example.com",
        email_verified: "true",
      });
      const { AccessToken } = await signedInUser(t, byEmail.poolId, byEmail.clientId, "other@example.com", {
        email: "other@example.com",
        email_verified: "true",
      });
      await rejectsWith(
        update(AccessToken!, { email: "taken@example.com" }),
        "AliasExistsException",
        "An account with the given email already exists.",
      );
      assert.equal((await attributes(AccessToken!)).email, "other@example.com");
    });

    test("a blank value deletes the attribute; a blank email takes email_verified with it", async () => {
      const { AccessToken } = await signedInUser(t, manual.poolId, manual.clientId, "eve", {
        email: "eve@example.com",
        email_verified: "true",
        name: "Eve",
        nickname: "evie",
      });
      await update(AccessToken!, { name: "", email: "" });
      assert.deepEqual(await attributes(AccessToken!), { nickname: "evie" });
    });

    test("attributes outside the schema, immutable ones and required ones left blank are InvalidParameterException", async () => {
      const { AccessToken } = await signedInUser(t, auto.poolId, auto.clientId, "fay", {
        email: "fay@example.com",
        "custom:badge": "B-1",
      });
      await rejectsWith(
        update(AccessToken!, { "custom:nope": "x" }),
        "InvalidParameterException",
        "Attributes did not conform to the schema: custom:nope: Attribute does not exist in the schema.",
      );
      await rejectsWith(
        update(AccessToken!, { "custom:badge": "B-2" }),
        "InvalidParameterException",
        "Attributes did not conform to the schema: custom:badge: Attribute cannot be updated. (changing an immutable attribute)",
      );
      await rejectsWith(
        update(AccessToken!, { email: "" }),
        "InvalidParameterException",
        "Invalid user attributes: email: Required attribute cannot be deleted.",
      );
      await rejectsWith(
        update(AccessToken!, { email: "not-an-email" }),
        "InvalidParameterException",
        "Invalid email address format.",
      );
      assert.deepEqual(await attributes(AccessToken!), { email: "fay@example.com", "custom:badge": "B-1" });
    });

    test("verification flags and attributes outside the client's WriteAttributes are NotAuthorizedException", async () => {
      const { AccessToken } = await signedInUser(t, auto.poolId, auto.clientId, "gil", {
        email: "gil@example.com",
      });
      await rejectsWith(
        update(AccessToken!, { email_verified: "true" }),
        "NotAuthorizedException",
        "A client attempted to write unauthorized attribute",
      );
      const { UserPoolClient } = await t.idp.send(
        new CreateUserPoolClientCommand({
          UserPoolId: auto.poolId,
          ClientName: "names-only",
          ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
          WriteAttributes: ["name"],
        }),
      );
      const limited = await signIn(t, UserPoolClient!.ClientId!, "gil");
      await update(limited.AccessToken!, { name: "Gil" });
      await rejectsWith(
        update(limited.AccessToken!, { nickname: "g" }),
        "NotAuthorizedException",
        "A client attempted to write unauthorized attribute",
      );
      assert.deepEqual(await attributes(AccessToken!), { email: "gil@example.com", name: "Gil" });
    });

    test("an invalid token changes nothing", async () => {
      await rejectsWith(update("nope", { name: "x" }), "NotAuthorizedException", "Invalid Access Token");
    });
  });
}

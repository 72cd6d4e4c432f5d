import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AdminCreateUserCommand,
  AdminDeleteUserAttributesCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  ListUsersCommand,
  VerifyUserAttributeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, createUser, GOOD_PASSWORD, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, latestMessage, startTestServer, type TestServer } from "../support/server.ts";

const UNKNOWN_POOL = "us-east-1_Nope123";

for (const backend of BACKENDS) {
  describe(`AdminUpdateUserAttributes / AdminDeleteUserAttributes (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    before(async () => {
      t = await startTestServer({ backend });
      ({ poolId } = await createPoolAndClient(t.idp, {
        Schema: [
          { Name: "given_name", AttributeDataType: "String", Required: true, Mutable: true },
          {
            Name: "tier",
            AttributeDataType: "String",
            Mutable: true,
            StringAttributeConstraints: { MinLength: "1", MaxLength: "5" },
          },
          { Name: "badge", AttributeDataType: "String", Mutable: false },
        ],
      }));
    });
    after(() => t.close());

    const attributes = async (Username: string, pool = poolId) => {
      const { UserAttributes } = await t.idp.send(new AdminGetUserCommand({ UserPoolId: pool, Username }));
      return Object.fromEntries((UserAttributes ?? []).map((a) => [a.Name!, a.Value!]));
    };
    const update = (Username: string, attrs: Record<string, string>, pool = poolId) =>
      t.idp.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: pool,
          Username,
          UserAttributes: Object.entries(attrs).map(([Name, Value]) => ({ Name, Value })),
        }),
      );
    const remove = (Username: string, names: string[]) =>
      t.idp.send(
        new AdminDeleteUserAttributesCommand({ UserPoolId: poolId, Username, UserAttributeNames: names }),
      );
    const signedIn = async (pool: string, clientId: string, username: string) => {
      await t.idp.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: pool,
          Username: username,
          Password: GOOD_PASSWORD,
          Permanent: true,
        }),
      );
      const { AuthenticationResult } = await t.idp.send(
        new AdminInitiateAuthCommand({
          UserPoolId: pool,
          ClientId: clientId,
          AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: username, PASSWORD: GOOD_PASSWORD },
        }),
      );
      return AuthenticationResult!.AccessToken!;
    };
    const userWith = (username: string, attrs: Record<string, string> = {}) =>
      createUser(t.idp, poolId, username, { given_name: "X", ...attrs });

    describe("AdminUpdateUserAttributes", () => {
      test("sets standard and custom attributes and moves UserLastModifiedDate", async () => {
        await userWith("ada");
        const before = await t.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "ada" }));
        t.clock.advance(10_000);
        await update("ada", { family_name: "Lovelace", "custom:tier": "gold" });
        const after = await t.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "ada" }));
        assert.equal(after.UserLastModifiedDate!.getTime() - before.UserLastModifiedDate!.getTime(), 10_000);
        assert.deepEqual(after.UserCreateDate, before.UserCreateDate);
        const a = await attributes("ada");
        assert.equal(a.family_name, "Lovelace");
        assert.equal(a["custom:tier"], "gold");
        assert.equal(a.given_name, "X");
      });

      // UserAttributeUpdateSettingsType: a changed address is unverified until verified, unless the admin marks it verified.
      test("a changed email becomes unverified unless email_verified is set in the same call", async () => {
        await userWith("bea", { email: "bea@example.com", email_verified: "true" });
        await update("bea", { email: "bea@example.com" });
        assert.equal((await attributes("bea")).email_verified, "true", "an unchanged email keeps its flag");
        await update("bea", { email: "bea2@example.com" });
        assert.deepEqual(
          [(await attributes("bea")).email, (await attributes("bea")).email_verified],
          ["bea2@example.com", "false"],
        );
        await update("bea", { email: "bea3@example.com", email_verified: "true" });
        assert.deepEqual(
          [(await attributes("bea")).email, (await attributes("bea")).email_verified],
          ["bea3@example.com", "true"],
        );
      });

      test("a changed phone number becomes unverified too; marking it verified alone works", async () => {
        await userWith("cy", { phone_number: "+15555550100", phone_number_verified: "true" });
        await update("cy", { phone_number: "+15555550101" });
        assert.equal((await attributes("cy")).phone_number_verified, "false");
        await update("cy", { phone_number_verified: "true" });
        assert.equal((await attributes("cy")).phone_number_verified, "true");
      });

      test("in a pool that auto-verifies email, the new address gets a code the user verifies with", async () => {
        const { poolId: auto, clientId } = await createPoolAndClient(t.idp, {
          AutoVerifiedAttributes: ["email"],
        });
        await createUser(t.idp, auto, "dee", { email: "dee@example.com", email_verified: "true" });
        await update("dee", { email: "dee.first@example.com" }, auto);
        const stale = await latestMessage(t.url, auto, "dee");
        await update("dee", { email: "dee.new@example.com" }, auto);
        const msg = await latestMessage(t.url, auto, "dee");
        assert.equal(msg.destination, "dee.new@example.com");
        assert.match(msg.code, /^[0-9]{6}$/);
        assert.equal(msg.body, `Your verification code is ${msg.code}. `);
        assert.equal((await attributes("dee", auto)).email_verified, "false");

        const accessToken = await signedIn(auto, clientId, "dee");
        if (stale.code !== msg.code) {
          await rejectsWith(
            t.publicIdp.send(
              new VerifyUserAttributeCommand({
                AccessToken: accessToken,
                AttributeName: "email",
                Code: stale.code,
              }),
            ),
            "CodeMismatchException",
            "Invalid verification code provided, please try again.",
          );
        }
        await t.publicIdp.send(
          new VerifyUserAttributeCommand({
            AccessToken: accessToken,
            AttributeName: "email",
            Code: msg.code,
          }),
        );
        const a = await attributes("dee", auto);
        assert.deepEqual([a.email, a.email_verified], ["dee.new@example.com", "true"]);
      });

      // UserAttributeUpdateSettingsType: "Amazon Cognito doesn't change the value of the attribute until your user
      // responds to the verification message"; an administrator can instead set email_verified to true.
      test("with AttributesRequireVerificationBeforeUpdate the old email stays until the new one is verified", async () => {
        const { poolId: strict, clientId } = await createPoolAndClient(t.idp, {
          AutoVerifiedAttributes: ["email"],
          UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email"] },
        });
        await createUser(t.idp, strict, "flo", { email: "flo@example.com", email_verified: "true" });
        await update("flo", { email: "flo.new@example.com", family_name: "Pending" }, strict);
        let a = await attributes("flo", strict);
        assert.deepEqual([a.email, a.email_verified, a.family_name], ["flo@example.com", "true", "Pending"]);
        const msg = await latestMessage(t.url, strict, "flo");
        assert.equal(msg.destination, "flo.new@example.com");

        const accessToken = await signedIn(strict, clientId, "flo");
        await t.publicIdp.send(
          new VerifyUserAttributeCommand({
            AccessToken: accessToken,
            AttributeName: "email",
            Code: msg.code,
          }),
        );
        a = await attributes("flo", strict);
        assert.deepEqual([a.email, a.email_verified], ["flo.new@example.com", "true"]);

        await update("flo", { email: "flo.direct@example.com", email_verified: "true" }, strict);
        a = await attributes("flo", strict);
        assert.deepEqual([a.email, a.email_verified], ["flo.direct@example.com", "true"]);
      });

      // API reference, AdminUpdateUserAttributes: "submit the attribute in your API request with a blank value" to delete it.
      test("a blank value deletes the attribute, but not a required one", async () => {
        await userWith("gia", {
          family_name: "Gone",
          phone_number: "+15555550111",
          phone_number_verified: "true",
        });
        await update("gia", { family_name: "", phone_number: "", nickname: "G" });
        const a = await attributes("gia");
        assert.equal(a.family_name, undefined);
        assert.equal(a.phone_number, undefined);
        assert.equal(a.phone_number_verified, undefined);
        assert.equal(a.nickname, "G");
        await rejectsWith(
          update("gia", { given_name: "" }),
          "InvalidParameterException",
          "Invalid user attributes: given_name: Required attribute cannot be deleted.",
        );
        assert.equal((await attributes("gia")).given_name, "X");
      });

      test("attributes outside the schema, sub and immutable attributes are refused, writing nothing", async () => {
        await userWith("eli", { "custom:badge": "b1" });
        await rejectsWith(
          update("eli", { family_name: "Ok", shoe_size: "9" }),
          "InvalidParameterException",
          "Attributes did not conform to the schema: shoe_size: Attribute does not exist in the schema.",
        );
        await rejectsWith(
          update("eli", { sub: "x" }),
          "InvalidParameterException",
          "Attributes did not conform to the schema: sub: Attribute cannot be updated. (changing an immutable attribute)",
        );
        await rejectsWith(
          update("eli", { "custom:badge": "b2" }),
          "InvalidParameterException",
          "Attributes did not conform to the schema: custom:badge: Attribute cannot be updated. (changing an immutable attribute)",
        );
        await rejectsWith(
          update("eli", { "custom:tier": "platinum" }),
          "InvalidParameterException",
          "Attributes did not conform to the schema: custom:tier: String must be no longer than 5 characters",
        );
        await rejectsWith(
          update("eli", { email: "not-an-email" }),
          "InvalidParameterException",
          "Invalid email address format.",
        );
        const a = await attributes("eli");
        assert.equal(a.family_name, undefined);
        assert.equal(a["custom:badge"], "b1");
      });

      test("in a pool that signs in with email, another user's email is AliasExistsException", async () => {
        const { poolId: byEmail } = await createPoolAndClient(t.idp, { UsernameAttributes: ["email"] });
        await t.idp.send(
          new AdminCreateUserCommand({
            UserPoolId: byEmail,
            Username: "fin@example.com",
            MessageAction: "SUPPRESS",
          }),
        );
        await t.idp.send(
          new AdminCreateUserCommand({
            UserPoolId: byEmail,
            Username: "gus@example.com",
            MessageAction: "SUPPRESS",
          }),
        );
        await rejectsWith(
          update("gus@example.com", { email: "fin@example.com" }, byEmail),
          "AliasExistsException",
          "An account with the given email already exists.",
        );
        await update("gus@example.com", { email: "gus2@example.com" }, byEmail);
        assert.equal((await attributes("gus2@example.com", byEmail)).email, "gus2@example.com");
        // Two users asking for one new address at the same moment: one gets it. (The interleaving
        // itself is forced in test/storage/contract.test.ts, "setAttributes with uniqueAttributes".)
        const both = await Promise.allSettled([
          update("fin@example.com", { email: "wanted@example.com" }, byEmail),
          update("gus2@example.com", { email: "wanted@example.com" }, byEmail),
        ]);
        assert.equal(both.filter((r) => r.status === "fulfilled").length, 1);
        for (const r of both)
          if (r.status === "rejected") assert.equal((r.reason as Error).name, "AliasExistsException");
        const holders = await t.idp.send(
          new ListUsersCommand({ UserPoolId: byEmail, Filter: 'email = "wanted@example.com"' }),
        );
        assert.equal(holders.Users?.length, 1);
      });

      test("in a pool with an email alias, a verified email another user holds verified is AliasExistsException", async () => {
        const { poolId: alias } = await createPoolAndClient(t.idp, { AliasAttributes: ["email"] });
        await createUser(t.idp, alias, "hal", { email: "shared@example.com", email_verified: "true" });
        await createUser(t.idp, alias, "ida", {});
        await update("ida", { email: "shared@example.com" }, alias);
        await rejectsWith(
          update("ida", { email_verified: "true" }, alias),
          "AliasExistsException",
          "An account with the given email already exists.",
        );
        assert.equal((await attributes("ida", alias)).email_verified, "false");
        // Two users verifying one address at the same moment: one gets it. (The interleaving itself
        // is forced in test/storage/contract.test.ts, "setAttributes with verifiedAliases".)
        await createUser(t.idp, alias, "jo", { email: "race@example.com" });
        await createUser(t.idp, alias, "kim", { email: "race@example.com" });
        const both = await Promise.allSettled([
          update("jo", { email_verified: "true" }, alias),
          update("kim", { email_verified: "true" }, alias),
        ]);
        assert.equal(both.filter((r) => r.status === "fulfilled").length, 1);
        for (const r of both)
          if (r.status === "rejected") assert.equal((r.reason as Error).name, "AliasExistsException");
        const verified = [
          (await attributes("jo", alias)).email_verified,
          (await attributes("kim", alias)).email_verified,
        ];
        assert.deepEqual(verified.filter((v) => v === "true").length, 1);
      });

      test("an unknown user is UserNotFoundException", async () => {
        await rejectsWith(
          update("nobody", { family_name: "X" }),
          "UserNotFoundException",
          "User does not exist.",
        );
      });

      test("an unknown pool is ResourceNotFoundException", async () => {
        await rejectsWith(
          update("ada", { family_name: "X" }, UNKNOWN_POOL),
          "ResourceNotFoundException",
          `User pool ${UNKNOWN_POOL} does not exist.`,
        );
      });
    });

    describe("AdminDeleteUserAttributes", () => {
      test("deletes the named attributes; deleting an address drops its verification flag", async () => {
        await userWith("jo", {
          family_name: "Doe",
          email: "jo@example.com",
          email_verified: "true",
          "custom:tier": "gold",
        });
        await remove("jo", ["family_name", "email", "custom:tier"]);
        const a = await attributes("jo");
        assert.equal(a.family_name, undefined);
        assert.equal(a.email, undefined);
        assert.equal(a.email_verified, undefined);
        assert.equal(a["custom:tier"], undefined);
        assert.equal(a.given_name, "X");
        assert.ok(a.sub);
      });

      test("deleting an attribute the user does not have is fine", async () => {
        await userWith("kim");
        await remove("kim", ["nickname"]);
        assert.equal((await attributes("kim")).nickname, undefined);
      });

      test("required, immutable and unknown attributes cannot be deleted, and nothing is deleted", async () => {
        await userWith("lou", { family_name: "Keep", "custom:badge": "b" });
        await rejectsWith(
          remove("lou", ["family_name", "given_name"]),
          "InvalidParameterException",
          "Invalid user attributes: given_name: Required attribute cannot be deleted.",
        );
        await rejectsWith(
          remove("lou", ["custom:badge"]),
          "InvalidParameterException",
          "Attributes did not conform to the schema: custom:badge: Attribute cannot be updated. (changing an immutable attribute)",
        );
        await rejectsWith(
          remove("lou", ["sub"]),
          "InvalidParameterException",
          "Attributes did not conform to the schema: sub: Attribute cannot be updated. (changing an immutable attribute)",
        );
        await rejectsWith(
          remove("lou", ["shoe_size"]),
          "InvalidParameterException",
          "Attributes did not conform to the schema: shoe_size: Attribute does not exist in the schema.",
        );
        assert.equal((await attributes("lou")).family_name, "Keep");
      });

      test("an unknown user is UserNotFoundException", async () => {
        await rejectsWith(remove("nobody", ["family_name"]), "UserNotFoundException", "User does not exist.");
      });

      test("an unknown pool is ResourceNotFoundException", async () => {
        await rejectsWith(
          t.idp.send(
            new AdminDeleteUserAttributesCommand({
              UserPoolId: UNKNOWN_POOL,
              Username: "x",
              UserAttributeNames: ["name"],
            }),
          ),
          "ResourceNotFoundException",
          `User pool ${UNKNOWN_POOL} does not exist.`,
        );
      });
    });
  });
}

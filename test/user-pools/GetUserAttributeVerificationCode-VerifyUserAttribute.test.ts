// API reference, GetUserAttributeVerificationCode and VerifyUserAttribute; codes live 24 hours
// (developer guide, "Configuring email or phone verification").
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  GetUserAttributeVerificationCodeCommand,
  GetUserCommand,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, createUser, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, latestMessage, startTestServer, type TestServer } from "../support/server.ts";
import { signedInUser, signIn } from "../support/signed-in.ts";

const EXPIRED = "Invalid code provided, please request a code again.";
const MISMATCH = "Invalid verification code provided, please try again.";
const wrong = (code: string) => (code === "000000" ? "111111" : "000000");

for (const backend of BACKENDS) {
  describe(`GetUserAttributeVerificationCode / VerifyUserAttribute (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    let clientId: string;
    let byEmail: { poolId: string; clientId: string };
    before(async () => {
      t = await startTestServer({ backend });
      ({ poolId, clientId } = await createPoolAndClient(t.idp));
      byEmail = await createPoolAndClient(t.idp, {
        UsernameAttributes: ["email"],
        AutoVerifiedAttributes: ["email"],
        UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email"] },
      });
    });
    after(() => t.close());

    const sendCode = (AccessToken: string, AttributeName: string) =>
      t.publicIdp.send(new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName }));
    const verify = (AccessToken: string, AttributeName: string, Code: string) =>
      t.publicIdp.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName, Code }));
    const attributes = async (AccessToken: string) => {
      const res = await t.publicIdp.send(new GetUserCommand({ AccessToken }));
      return Object.fromEntries(
        res.UserAttributes!.filter((a) => a.Name !== "sub").map((a) => [a.Name, a.Value]),
      );
    };

    test("email: the code arrives by email, a wrong one is refused, the right one verifies, and it works once", async () => {
      const { AccessToken } = await signedInUser(t, poolId, clientId, "hal", {
        email: "hal@example.com",
        email_verified: "false",
      });
      const res = await sendCode(AccessToken!, "email");
      assert.deepEqual(res.CodeDeliveryDetails, {
        AttributeName: "email",
        DeliveryMedium: "EMAIL",
        Destination: "h***@e***",
      });
      const mail = await latestMessage(t.url, poolId, "hal");
      assert.equal(mail.channel, "EMAIL");
      assert.equal(mail.destination, "hal@example.com");
      assert.equal(mail.subject, "Your verification code");
      assert.match(mail.code, /^[0-9]{6}$/);
      assert.ok(mail.body.includes(mail.code));

      await rejectsWith(verify(AccessToken!, "email", wrong(mail.code)), "CodeMismatchException", MISMATCH);
      assert.equal((await attributes(AccessToken!)).email_verified, "false");
      assert.deepEqual(Object.keys(await verify(AccessToken!, "email", mail.code)), ["$metadata"]);
      assert.equal((await attributes(AccessToken!)).email_verified, "true");
      await rejectsWith(verify(AccessToken!, "email", mail.code), "ExpiredCodeException", EXPIRED);
    });

    test("phone_number: the code arrives by SMS and verifies the number", async () => {
      const { AccessToken } = await signedInUser(t, poolId, clientId, "ida", {
        phone_number: "+15555550199",
      });
      const res = await sendCode(AccessToken!, "phone_number");
      assert.deepEqual(res.CodeDeliveryDetails, {
        AttributeName: "phone_number",
        DeliveryMedium: "SMS",
        Destination: "+*******0199",
      });
      const sms = await latestMessage(t.url, poolId, "ida");
      assert.equal(sms.channel, "SMS");
      assert.equal(sms.destination, "+15555550199");
      await verify(AccessToken!, "phone_number", sms.code);
      assert.equal((await attributes(AccessToken!)).phone_number_verified, "true");
    });

    test("a new code replaces the earlier one", async () => {
      const { AccessToken } = await signedInUser(t, poolId, clientId, "jo", { email: "jo@example.com" });
      await sendCode(AccessToken!, "email");
      const first = (await latestMessage(t.url, poolId, "jo")).code;
      await sendCode(AccessToken!, "email");
      const second = (await latestMessage(t.url, poolId, "jo")).code;
      if (first !== second)
        await rejectsWith(verify(AccessToken!, "email", first), "CodeMismatchException", MISMATCH);
      await verify(AccessToken!, "email", second);
      assert.equal((await attributes(AccessToken!)).email_verified, "true");
    });

    test("only email and phone_number can be verified, and only when the user has one", async () => {
      const { AccessToken } = await signedInUser(t, poolId, clientId, "kim", { given_name: "Kim" });
      const invalidName = "Invalid attribute name. Only phone_number and email can be verified.";
      await rejectsWith(sendCode(AccessToken!, "given_name"), "InvalidParameterException", invalidName);
      await rejectsWith(
        verify(AccessToken!, "given_name", "123456"),
        "InvalidParameterException",
        invalidName,
      );
      await rejectsWith(
        sendCode(AccessToken!, "phone_number"),
        "InvalidParameterException",
        "User does not have a valid registered phone number",
      );
      await rejectsWith(
        sendCode(AccessToken!, "email"),
        "InvalidParameterException",
        "User does not have a valid registered email",
      );
      await rejectsWith(
        verify(AccessToken!, "phone_number", "123456"),
        "InvalidParameterException",
        "Unable to verify attribute: phone_number no value set to verify",
      );
    });

    test("without a code requested, verifying is ExpiredCodeException", async () => {
      const { AccessToken } = await signedInUser(t, poolId, clientId, "lou", { email: "lou@example.com" });
      await rejectsWith(verify(AccessToken!, "email", "123456"), "ExpiredCodeException", EXPIRED);
    });

    test("after five wrong codes the code is burnt: LimitExceededException", async () => {
      const { AccessToken } = await signedInUser(t, poolId, clientId, "max", { email: "max@example.com" });
      await sendCode(AccessToken!, "email");
      const { code } = await latestMessage(t.url, poolId, "max");
      for (let i = 0; i < 5; i++)
        await rejectsWith(verify(AccessToken!, "email", wrong(code)), "CodeMismatchException", MISMATCH);
      await rejectsWith(
        verify(AccessToken!, "email", code),
        "LimitExceededException",
        "Attempt limit exceeded, please try after some time.",
      );
      assert.equal((await attributes(AccessToken!)).email_verified, undefined);
    });

    test("a code sent to an earlier address does not verify the address that replaced it", async () => {
      const { AccessToken } = await signedInUser(t, poolId, clientId, "ned", { email: "ned@example.com" });
      await sendCode(AccessToken!, "email");
      const { code } = await latestMessage(t.url, poolId, "ned");
      await t.publicIdp.send(
        new UpdateUserAttributesCommand({
          AccessToken,
          UserAttributes: [{ Name: "email", Value: "ned-new@example.com" }],
        }),
      );
      await rejectsWith(verify(AccessToken!, "email", code), "ExpiredCodeException", EXPIRED);
      assert.deepEqual(await attributes(AccessToken!), {
        email: "ned-new@example.com",
        email_verified: "false",
      });
    });

    test("while an update waits for verification, a new code goes to the new address and applies it", async () => {
      const { AccessToken } = await signedInUser(t, byEmail.poolId, byEmail.clientId, "oli@example.com", {
        email: "oli@example.com",
        email_verified: "true",
      });
      await t.publicIdp.send(
        new UpdateUserAttributesCommand({
          AccessToken,
          UserAttributes: [{ Name: "email", Value: "oli2@example.com" }],
        }),
      );
      const username = (await t.publicIdp.send(new GetUserCommand({ AccessToken }))).Username!;
      const res = await sendCode(AccessToken!, "email");
      assert.deepEqual(res.CodeDeliveryDetails, {
        AttributeName: "email",
        DeliveryMedium: "EMAIL",
        Destination: "o***@e***",
      });
      const mail = await latestMessage(t.url, byEmail.poolId, username);
      assert.equal(mail.destination, "oli2@example.com");
      await verify(AccessToken!, "email", mail.code);
      assert.deepEqual(await attributes(AccessToken!), { email: "oli2@example.com", email_verified: "true" });
    });

    test("an address someone else took while the update waited is AliasExistsException at verification", async () => {
      const { AccessToken } = await signedInUser(t, byEmail.poolId, byEmail.clientId, "pat@example.com", {
        email: "pat@example.com",
        email_verified: "true",
      });
      await t.publicIdp.send(
        new UpdateUserAttributesCommand({
          AccessToken,
          UserAttributes: [{ Name: "email", Value: "pat2@example.com" }],
        }),
      );
      const username = (await t.publicIdp.send(new GetUserCommand({ AccessToken }))).Username!;
      const { code } = await latestMessage(t.url, byEmail.poolId, username);
      await createUser(t.idp, byEmail.poolId, "pat2@example.com", { email: "pat2@example.com" });
      await rejectsWith(
        verify(AccessToken!, "email", code),
        "AliasExistsException",
        "An account with the given email already exists.",
      );
      assert.deepEqual(await attributes(AccessToken!), { email: "pat@example.com", email_verified: "true" });
    });

    test("a code older than 24 hours is ExpiredCodeException", async () => {
      const { AccessToken } = await signedInUser(t, poolId, clientId, "quin", { email: "quin@example.com" });
      await sendCode(AccessToken!, "email");
      const { code } = await latestMessage(t.url, poolId, "quin");
      const day = 24 * 3600_000;
      t.clock.advance(day + 1000);
      try {
        // The first access token has expired too: sign in again (a public call, no SigV4 skew check).
        const fresh = await signIn(t, clientId, "quin");
        await rejectsWith(verify(fresh.AccessToken!, "email", code), "ExpiredCodeException", EXPIRED);
        assert.equal((await attributes(fresh.AccessToken!)).email_verified, undefined);
      } finally {
        t.clock.advance(-(day + 1000));
      }
    });
  });
}

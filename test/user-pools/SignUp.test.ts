// SignUp, ConfirmSignUp and ResendConfirmationCode, driven as an app would with the public client.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { after, before, describe, test } from "node:test";
import {
  AdminGetUserCommand,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  ListUsersCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, GOOD_PASSWORD, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, latestMessage, startTestServer, type TestServer } from "../support/server.ts";

const secretHash = (secret: string, username: string, clientId: string) =>
  createHmac("sha256", secret)
    .update(username + clientId)
    .digest("base64");
const attrs = (o: Record<string, string>) => Object.entries(o).map(([Name, Value]) => ({ Name, Value }));
const NOT_FOUND = "Username/client id combination not found.";

for (const backend of BACKENDS) {
  describe(`SignUp / ConfirmSignUp / ResendConfirmationCode (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    let clientId: string;
    const signUp = (
      Username: string,
      extra: Record<string, string> = {},
      Password = GOOD_PASSWORD,
      ClientId = clientId,
    ) =>
      t.publicIdp.send(
        new SignUpCommand({
          ClientId,
          Username,
          Password,
          UserAttributes: attrs({ email: `${Username}@example.com`, ...extra }),
        }),
      );
    const confirm = (Username: string, ConfirmationCode: string, ClientId = clientId) =>
      t.publicIdp.send(new ConfirmSignUpCommand({ ClientId, Username, ConfirmationCode }));
    const status = async (p: string, Username: string) =>
      await t.idp.send(new AdminGetUserCommand({ UserPoolId: p, Username }));

    before(async () => {
      t = await startTestServer({ backend });
      ({ poolId, clientId } = await createPoolAndClient(t.idp, { AutoVerifiedAttributes: ["email"] }));
    });
    after(() => t.close());

    test("the whole journey: sign up, read the emailed code, confirm, sign in", async () => {
      const res = await signUp("journey");
      assert.equal(res.UserConfirmed, false);
      assert.match(res.UserSub!, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      assert.deepEqual(res.CodeDeliveryDetails, {
        Destination: "j***@e***",
        DeliveryMedium: "EMAIL",
        AttributeName: "email",
      });

      const mail = await latestMessage(t.url, poolId, "journey");
      assert.equal(mail.channel, "EMAIL");
      assert.equal(mail.destination, "journey@example.com");
      assert.equal(mail.subject, "Your verification code");
      assert.match(mail.code, /^[0-9]{6}$/);
      assert.ok(mail.body.includes(mail.code));

      await rejectsWith(
        t.publicIdp.send(
          new InitiateAuthCommand({
            ClientId: clientId,
            AuthFlow: "USER_PASSWORD_AUTH",
            AuthParameters: { USERNAME: "journey", PASSWORD: GOOD_PASSWORD },
          }),
        ),
        "UserNotConfirmedException",
      );
      assert.deepEqual(
        Object.keys(await confirm("journey", mail.code)).filter((k) => k !== "$metadata"),
        [],
      );

      const user = await status(poolId, "journey");
      assert.equal(user.UserStatus, "CONFIRMED");
      assert.ok(user.UserAttributes?.some((a) => a.Name === "email_verified" && a.Value === "true"));
      assert.ok(user.UserAttributes?.some((a) => a.Name === "sub" && a.Value === res.UserSub));

      const auth = await t.publicIdp.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: "journey", PASSWORD: GOOD_PASSWORD },
        }),
      );
      assert.ok(auth.AuthenticationResult?.IdToken);
      const claims = JSON.parse(
        Buffer.from(auth.AuthenticationResult.IdToken.split(".")[1]!, "base64url").toString(),
      );
      assert.equal(claims.sub, res.UserSub);
      assert.equal(claims.email_verified, true);
    });

    test("the pool's VerificationMessageTemplate shapes the email", async () => {
      const p = await createPoolAndClient(t.idp, {
        AutoVerifiedAttributes: ["email"],
        VerificationMessageTemplate: {
          EmailSubject: "Welcome aboard",
          EmailMessage: "Hi {username}, your code: {####}",
        },
      });
      await signUp("templated", {}, GOOD_PASSWORD, p.clientId);
      const mail = await latestMessage(t.url, p.poolId, "templated");
      assert.equal(mail.subject, "Welcome aboard");
      assert.equal(mail.body, `Hi templated, your code: ${mail.code}`);
    });

    test("without AutoVerifiedAttributes no code is sent and the user stays UNCONFIRMED", async () => {
      const p = await createPoolAndClient(t.idp);
      const res = await signUp("silent", {}, GOOD_PASSWORD, p.clientId);
      assert.equal(res.UserConfirmed, false);
      assert.equal(res.CodeDeliveryDetails, undefined);
      assert.equal((await status(p.poolId, "silent")).UserStatus, "UNCONFIRMED");
      await rejectsWith(
        t.publicIdp.send(new ResendConfirmationCodeCommand({ ClientId: p.clientId, Username: "silent" })),
        "InvalidParameterException",
        "Auto verification not turned on.",
      );
    });

    test("with phone_number auto-verified too, the code goes by SMS (Cognito verifies only the phone)", async () => {
      const p = await createPoolAndClient(t.idp, { AutoVerifiedAttributes: ["email", "phone_number"] });
      const res = await signUp("texted", { phone_number: "+15555550123" }, GOOD_PASSWORD, p.clientId);
      assert.deepEqual(res.CodeDeliveryDetails, {
        Destination: "+*******0123",
        DeliveryMedium: "SMS",
        AttributeName: "phone_number",
      });
      const sms = await latestMessage(t.url, p.poolId, "texted");
      assert.equal(sms.channel, "SMS");
      await confirm("texted", sms.code, p.clientId);
      const user = await status(p.poolId, "texted");
      assert.ok(user.UserAttributes?.some((a) => a.Name === "phone_number_verified" && a.Value === "true"));
      assert.ok(!user.UserAttributes?.some((a) => a.Name === "email_verified" && a.Value === "true"));
    });

    test("SignUp errors: duplicate, weak password, unknown client, schema, admin-only pool", async () => {
      await signUp("taken");
      await rejectsWith(signUp("taken"), "UsernameExistsException", "User already exists");
      await rejectsWith(
        signUp("weak", {}, "Sh0rt!"),
        "InvalidPasswordException",
        "Password did not conform with policy: Password not long enough",
      );
      await rejectsWith(
        signUp("orphan", {}, GOOD_PASSWORD, "nosuchclient0000000000000"),
        "ResourceNotFoundException",
        "User pool client nosuchclient0000000000000 does not exist.",
      );
      await rejectsWith(
        signUp("schema", { "custom:nope": "x" }),
        "InvalidParameterException",
        "Attributes did not conform to the schema: custom:nope: Attribute does not exist in the schema.",
      );
      const closed = await createPoolAndClient(t.idp, {
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      });
      await rejectsWith(
        signUp("closed", {}, GOOD_PASSWORD, closed.clientId),
        "NotAuthorizedException",
        "SignUp is not permitted for this user pool",
      );
    });

    test("email as username: the username becomes the sub and the email must be unique", async () => {
      const p = await createPoolAndClient(t.idp, {
        UsernameAttributes: ["email"],
        AutoVerifiedAttributes: ["email"],
      });
      const res = await t.publicIdp.send(
        new SignUpCommand({ ClientId: p.clientId, Username: "mail@example.com", Password: GOOD_PASSWORD }),
      );
      assert.equal(res.CodeDeliveryDetails?.Destination, "m***@e***");
      const user = await status(p.poolId, "mail@example.com");
      assert.equal(user.Username, res.UserSub);
      await rejectsWith(
        t.publicIdp.send(
          new SignUpCommand({ ClientId: p.clientId, Username: "mail@example.com", Password: GOOD_PASSWORD }),
        ),
        "UsernameExistsException",
        "An account with the given email already exists.",
      );
      await rejectsWith(
        t.publicIdp.send(
          new SignUpCommand({ ClientId: p.clientId, Username: "plainname", Password: GOOD_PASSWORD }),
        ),
        "InvalidParameterException",
        "Username should be an email.",
      );
      const mail = await latestMessage(t.url, p.poolId, res.UserSub!);
      await confirm("mail@example.com", mail.code, p.clientId);
      assert.equal((await status(p.poolId, "mail@example.com")).UserStatus, "CONFIRMED");
    });

    test("email as username: of eight simultaneous SignUps with one email, one creates a user", async () => {
      const p = await createPoolAndClient(t.idp, { UsernameAttributes: ["email"] });
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, () =>
          t.publicIdp.send(
            new SignUpCommand({
              ClientId: p.clientId,
              Username: "same@example.com",
              Password: GOOD_PASSWORD,
            }),
          ),
        ),
      );
      assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
      // Losers of the race get the message of the check before it, as Cognito words it for a taken email.
      for (const r of results)
        if (r.status === "rejected")
          assert.deepEqual(
            [(r.reason as Error).name, (r.reason as Error).message],
            ["UsernameExistsException", "An account with the given email already exists."],
          );
      const listed = await t.idp.send(
        new ListUsersCommand({ UserPoolId: p.poolId, Filter: 'email = "same@example.com"' }),
      );
      assert.equal(listed.Users?.length, 1);
    });

    test("SECRET_HASH: missing and wrong are refused, the right one is accepted", async () => {
      const p = await createPoolAndClient(
        t.idp,
        { AutoVerifiedAttributes: ["email"] },
        { GenerateSecret: true },
      );
      const base = { ClientId: p.clientId, Password: GOOD_PASSWORD };
      await rejectsWith(
        t.publicIdp.send(new SignUpCommand({ ...base, Username: "hashy" })),
        "NotAuthorizedException",
        `Client ${p.clientId} is configured with secret but SECRET_HASH was not received`,
      );
      await rejectsWith(
        t.publicIdp.send(
          new SignUpCommand({
            ...base,
            Username: "hashy",
            SecretHash: secretHash(p.clientSecret!, "someone-else", p.clientId),
          }),
        ),
        "NotAuthorizedException",
        `Unable to verify secret hash for client ${p.clientId}`,
      );
      const SecretHash = secretHash(p.clientSecret!, "hashy", p.clientId);
      const res = await t.publicIdp.send(
        new SignUpCommand({
          ...base,
          Username: "hashy",
          SecretHash,
          UserAttributes: attrs({ email: "h@example.com" }),
        }),
      );
      assert.equal(res.UserConfirmed, false);
      const { code } = await latestMessage(t.url, p.poolId, "hashy");
      await rejectsWith(
        t.publicIdp.send(
          new ConfirmSignUpCommand({ ClientId: p.clientId, Username: "hashy", ConfirmationCode: code }),
        ),
        "NotAuthorizedException",
        `Client ${p.clientId} is configured with secret but SECRET_HASH was not received`,
      );
      await t.publicIdp.send(
        new ConfirmSignUpCommand({
          ClientId: p.clientId,
          Username: "hashy",
          ConfirmationCode: code,
          SecretHash,
        }),
      );
      assert.equal((await status(p.poolId, "hashy")).UserStatus, "CONFIRMED");
    });

    test("ConfirmSignUp: a wrong code, then the right one; confirming twice is refused", async () => {
      await signUp("twice");
      const { code } = await latestMessage(t.url, poolId, "twice");
      const wrong = code === "000000" ? "111111" : "000000";
      await rejectsWith(
        confirm("twice", wrong),
        "CodeMismatchException",
        "Invalid verification code provided, please try again.",
      );
      await confirm("twice", code);
      await rejectsWith(
        confirm("twice", code),
        "NotAuthorizedException",
        "User cannot be confirmed. Current status is CONFIRMED",
      );
    });

    test("ConfirmSignUp: five wrong guesses burn the code", async () => {
      await signUp("guesser");
      const { code } = await latestMessage(t.url, poolId, "guesser");
      const wrong = code === "000000" ? "111111" : "000000";
      for (let i = 0; i < 5; i++) await rejectsWith(confirm("guesser", wrong), "CodeMismatchException");
      await rejectsWith(
        confirm("guesser", code),
        "LimitExceededException",
        "Attempt limit exceeded, please try after some time.",
      );
      assert.equal((await status(poolId, "guesser")).UserStatus, "UNCONFIRMED");
    });

    test("ResendConfirmationCode replaces the code; a confirmed user is refused", async () => {
      await signUp("resender");
      const first = await latestMessage(t.url, poolId, "resender");
      const res = await t.publicIdp.send(
        new ResendConfirmationCodeCommand({ ClientId: clientId, Username: "resender" }),
      );
      assert.deepEqual(res.CodeDeliveryDetails, {
        Destination: "r***@e***",
        DeliveryMedium: "EMAIL",
        AttributeName: "email",
      });
      const second = await latestMessage(t.url, poolId, "resender");
      if (first.code !== second.code)
        await rejectsWith(confirm("resender", first.code), "CodeMismatchException");
      await confirm("resender", second.code);
      await rejectsWith(
        t.publicIdp.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: "resender" })),
        "InvalidParameterException",
        "User is already confirmed.",
      );
    });

    test("unknown users with PreventUserExistenceErrors LEGACY (the default): UserNotFoundException", async () => {
      await rejectsWith(confirm("nobody", "123456"), "UserNotFoundException", NOT_FOUND);
      await rejectsWith(
        t.publicIdp.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: "nobody" })),
        "UserNotFoundException",
        NOT_FOUND,
      );
    });

    // Developer guide, "Managing user existence error responses".
    test("unknown users with PreventUserExistenceErrors ENABLED: a simulated delivery and CodeMismatchException", async () => {
      const p = await createPoolAndClient(
        t.idp,
        { AutoVerifiedAttributes: ["email"] },
        { PreventUserExistenceErrors: "ENABLED" },
      );
      const resend = () =>
        t.publicIdp.send(new ResendConfirmationCodeCommand({ ClientId: p.clientId, Username: "nobody" }));
      const a = await resend();
      assert.equal(a.CodeDeliveryDetails?.DeliveryMedium, "EMAIL");
      assert.equal(a.CodeDeliveryDetails?.AttributeName, "email");
      assert.match(a.CodeDeliveryDetails!.Destination!, /^[a-z]\*\*\*@[a-z]\*\*\*$/);
      assert.deepEqual((await resend()).CodeDeliveryDetails, a.CodeDeliveryDetails);
      await rejectsWith(
        confirm("nobody", "123456", p.clientId),
        "CodeMismatchException",
        "Invalid verification code provided, please try again.",
      );
    });

    test("ForceAliasCreation moves a verified email alias to the newly confirmed user", async () => {
      const p = await createPoolAndClient(t.idp, {
        AliasAttributes: ["email"],
        AutoVerifiedAttributes: ["email"],
      });
      const shared = { email: "shared@example.com" };
      await signUp("first", shared, GOOD_PASSWORD, p.clientId);
      await confirm("first", (await latestMessage(t.url, p.poolId, "first")).code, p.clientId);
      await signUp("second", shared, "Other-Pass-42", p.clientId);
      await rejectsWith(
        confirm("second", (await latestMessage(t.url, p.poolId, "second")).code, p.clientId),
        "AliasExistsException",
        "An account with the given email already exists.",
      );
      await t.publicIdp.send(new ResendConfirmationCodeCommand({ ClientId: p.clientId, Username: "second" }));
      const { code } = await latestMessage(t.url, p.poolId, "second");
      await t.publicIdp.send(
        new ConfirmSignUpCommand({
          ClientId: p.clientId,
          Username: "second",
          ConfirmationCode: code,
          ForceAliasCreation: true,
        }),
      );
      const firstUser = await status(p.poolId, "first");
      assert.ok(firstUser.UserAttributes?.some((a) => a.Name === "email_verified" && a.Value === "false"));
      // Signing in with the email now reaches the second user.
      const auth = await t.publicIdp.send(
        new InitiateAuthCommand({
          ClientId: p.clientId,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: "shared@example.com", PASSWORD: "Other-Pass-42" },
        }),
      );
      assert.ok(auth.AuthenticationResult?.AccessToken);
    });

    // Runs last: moving the clock makes later SigV4-signed calls fail the skew check, so only public calls follow it.
    test("a sign-up code expires after 24 hours; a resent one works", async () => {
      await signUp("sleepy");
      const { code } = await latestMessage(t.url, poolId, "sleepy");
      t.clock.advance(24 * 3600_000 + 1000);
      try {
        await rejectsWith(
          confirm("sleepy", code),
          "ExpiredCodeException",
          "Invalid code provided, please request a code again.",
        );
        await t.publicIdp.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: "sleepy" }));
        const fresh = await latestMessage(t.url, poolId, "sleepy");
        await confirm("sleepy", fresh.code);
        await rejectsWith(
          confirm("sleepy", fresh.code),
          "NotAuthorizedException",
          "User cannot be confirmed. Current status is CONFIRMED",
        );
      } finally {
        t.clock.set(new Date());
      }
    });
  });
}

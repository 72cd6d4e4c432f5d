// GetUserAuthFactors and AdminGetUserAuthFactors (API reference: ConfiguredUserAuthFactors, "for example
// [\"PASSWORD\", \"WEB_AUTHN\"]"), and SMS_OTP, passwordless sign-in with a code sent to phone_number.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AdminGetUserAuthFactorsCommand,
  AdminSetUserMFAPreferenceCommand,
  type ChallengeNameType,
  CompleteWebAuthnRegistrationCommand,
  type CreateUserPoolRequest,
  GetUserAuthFactorsCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
  StartWebAuthnRegistrationCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, latestMessage, startTestServer, type TestServer } from "../support/server.ts";
import { signedInUser } from "../support/signed-in.ts";
import { type CreationOptions, SoftwareAuthenticator } from "../support/webauthn-authenticator.ts";

const PASSWORDLESS_POOL: Partial<CreateUserPoolRequest> = {
  Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"] } },
};
const PHONE = "+15555550100";

for (const backend of BACKENDS) {
  describe(`GetUserAuthFactors and SMS_OTP (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    let clientId: string;
    let n = 0;
    before(async () => {
      t = await startTestServer({ backend });
      ({ poolId, clientId } = await createPoolAndClient(t.idp, PASSWORDLESS_POOL));
    });
    after(() => t.close());

    const newUser = async (attributes: Record<string, string>) => {
      const username = `user${++n}`;
      return {
        username,
        token: (await signedInUser(t, poolId, clientId, username, attributes)).AccessToken!,
      };
    };
    const userAuth = (username: string, preferred?: string, client = clientId) =>
      t.publicIdp.send(
        new InitiateAuthCommand({
          ClientId: client,
          AuthFlow: "USER_AUTH",
          AuthParameters: { USERNAME: username, ...(preferred ? { PREFERRED_CHALLENGE: preferred } : {}) },
        }),
      );
    const respond = (
      ChallengeName: ChallengeNameType,
      Session: string | undefined,
      ChallengeResponses: Record<string, string>,
      client = clientId,
    ) =>
      t.publicIdp.send(
        new RespondToAuthChallengeCommand({ ClientId: client, ChallengeName, Session, ChallengeResponses }),
      );

    test("SMS_OTP sends an 8-digit code to phone_number; a wrong code counts, the right one signs in", async () => {
      const { username } = await newUser({ phone_number: PHONE });
      const challenge = await userAuth(username, "SMS_OTP");
      assert.equal(challenge.ChallengeName, "SMS_OTP");
      assert.deepEqual(challenge.ChallengeParameters, {
        CODE_DELIVERY_DELIVERY_MEDIUM: "SMS",
        CODE_DELIVERY_DESTINATION: "+*******0100",
      });
      const sms = await latestMessage(t.url, poolId, username);
      assert.equal(sms.channel, "SMS");
      assert.equal(sms.destination, PHONE);
      assert.match(sms.code, /^\d{8}$/);
      assert.equal(sms.body, `Your authentication code is ${sms.code}. `);
      await rejectsWith(
        respond("SMS_OTP", challenge.Session, {
          USERNAME: username,
          SMS_OTP_CODE: sms.code === "00000000" ? "11111111" : "00000000",
        }),
        "CodeMismatchException",
        "Invalid code or auth state for the user.",
      );
      await rejectsWith(
        respond("SMS_OTP", challenge.Session, { USERNAME: username }),
        "InvalidParameterException",
        "Missing required parameter SMS_OTP_CODE",
      );
      const done = await respond("SMS_OTP", challenge.Session, {
        USERNAME: username,
        SMS_OTP_CODE: sms.code,
      });
      assert.ok(done.AuthenticationResult?.AccessToken);
    });

    test("SELECT_CHALLENGE offers SMS_OTP to users with a phone_number only; ANSWER=SMS_OTP sends the code", async () => {
      const { username } = await newUser({ phone_number: PHONE, email: "p@example.com" });
      const select = await userAuth(username);
      assert.deepEqual(select.AvailableChallenges, ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP"]);
      const otp = await respond("SELECT_CHALLENGE", select.Session, {
        USERNAME: username,
        ANSWER: "SMS_OTP",
      });
      assert.equal(otp.ChallengeName, "SMS_OTP");
      const { code, channel } = await latestMessage(t.url, poolId, username);
      assert.equal(channel, "SMS");
      const done = await respond("SMS_OTP", otp.Session, { USERNAME: username, SMS_OTP_CODE: code });
      assert.ok(done.AuthenticationResult?.IdToken);

      const { username: noPhone } = await newUser({ email: "q@example.com" });
      const fallback = await userAuth(noPhone, "SMS_OTP");
      assert.equal(fallback.ChallengeName, "SELECT_CHALLENGE");
      assert.deepEqual(fallback.AvailableChallenges, ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"]);
    });

    test("SMS_OTP for an unknown user: UserNotFoundException, or with PreventUserExistenceErrors a decoy challenge", async () => {
      await rejectsWith(userAuth("+15555550199", "SMS_OTP"), "UserNotFoundException", "User does not exist.");
      const strict = await createPoolAndClient(t.idp, PASSWORDLESS_POOL, {
        PreventUserExistenceErrors: "ENABLED",
      });
      const decoy = await userAuth("+15555550199", "SMS_OTP", strict.clientId);
      assert.deepEqual(decoy.ChallengeParameters, {
        CODE_DELIVERY_DELIVERY_MEDIUM: "SMS",
        CODE_DELIVERY_DESTINATION: "+*******0199",
      });
      await rejectsWith(
        respond(
          "SMS_OTP",
          decoy.Session,
          { USERNAME: "+15555550199", SMS_OTP_CODE: "12345678" },
          strict.clientId,
        ),
        "CodeMismatchException",
        "Invalid code or auth state for the user.",
      );
    });

    test("ConfiguredUserAuthFactors: the pool's first factors the user has what it takes for; WEB_AUTHN once a passkey is registered", async () => {
      const { username, token } = await newUser({ email: "f@example.com", phone_number: PHONE });
      const factors = await t.publicIdp.send(new GetUserAuthFactorsCommand({ AccessToken: token }));
      assert.equal(factors.Username, username);
      assert.deepEqual(factors.ConfiguredUserAuthFactors, ["PASSWORD", "EMAIL_OTP", "SMS_OTP"]);
      assert.equal(factors.PreferredMfaSetting, undefined);
      assert.equal(factors.UserMFASettingList, undefined);

      const { CredentialCreationOptions } = await t.publicIdp.send(
        new StartWebAuthnRegistrationCommand({ AccessToken: token }),
      );
      await t.publicIdp.send(
        new CompleteWebAuthnRegistrationCommand({
          AccessToken: token,
          Credential: new SoftwareAuthenticator().register(
            CredentialCreationOptions as unknown as CreationOptions,
          ) as never,
        }),
      );
      const admin = await t.idp.send(
        new AdminGetUserAuthFactorsCommand({ UserPoolId: poolId, Username: username }),
      );
      assert.deepEqual(admin.ConfiguredUserAuthFactors, ["PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"]);

      const passwordOnly = await createPoolAndClient(t.idp);
      const other = (
        await signedInUser(t, passwordOnly.poolId, passwordOnly.clientId, "pat", { email: "x@example.com" })
      ).AccessToken!;
      assert.deepEqual(
        (await t.publicIdp.send(new GetUserAuthFactorsCommand({ AccessToken: other })))
          .ConfiguredUserAuthFactors,
        ["PASSWORD"],
      );
    });

    test("AdminGetUserAuthFactors: the user's MFA settings; unknown user, unknown pool and missing Username are refused", async () => {
      const { username, token } = await newUser({ email: "m@example.com" });
      const pool = await createPoolAndClient(t.idp, PASSWORDLESS_POOL);
      await t.idp.send(
        new SetUserPoolMfaConfigCommand({
          UserPoolId: poolId,
          MfaConfiguration: "OPTIONAL",
          EmailMfaConfiguration: {},
        }),
      );
      await t.idp.send(
        new AdminSetUserMFAPreferenceCommand({
          UserPoolId: poolId,
          Username: username,
          EmailMfaSettings: { Enabled: true, PreferredMfa: true },
        }),
      );
      const admin = await t.idp.send(
        new AdminGetUserAuthFactorsCommand({ UserPoolId: poolId, Username: username }),
      );
      assert.equal(admin.PreferredMfaSetting, "EMAIL_OTP");
      assert.deepEqual(admin.UserMFASettingList, ["EMAIL_OTP"]);
      const own = await t.publicIdp.send(new GetUserAuthFactorsCommand({ AccessToken: token }));
      assert.equal(own.PreferredMfaSetting, "EMAIL_OTP");

      await rejectsWith(
        t.idp.send(new AdminGetUserAuthFactorsCommand({ UserPoolId: pool.poolId, Username: username })),
        "UserNotFoundException",
        "User does not exist.",
      );
      await rejectsWith(
        t.idp.send(new AdminGetUserAuthFactorsCommand({ UserPoolId: "us-east-1_nope", Username: username })),
        "ResourceNotFoundException",
      );
      await rejectsWith(
        t.idp.send(new AdminGetUserAuthFactorsCommand({ UserPoolId: poolId } as never)),
        "InvalidParameterException",
        "1 validation error detected: Value null at 'username' failed to satisfy constraint: Member must not be null",
      );
      await rejectsWith(
        t.publicIdp.send(new AdminGetUserAuthFactorsCommand({ UserPoolId: poolId, Username: username })),
        "UnrecognizedClientException",
      );
    });
  });
}

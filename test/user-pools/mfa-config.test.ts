// SetUserPoolMfaConfig, GetUserPoolMfaConfig, SetUserMFAPreference, AdminSetUserMFAPreference,
// SetUserSettings and AdminSetUserSettings, read back through GetUser / AdminGetUser.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AdminGetUserCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminSetUserSettingsCommand,
  AssociateSoftwareTokenCommand,
  DescribeUserPoolCommand,
  GetUserCommand,
  GetUserPoolMfaConfigCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  SetUserSettingsCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";
import { signedInUser } from "../support/signed-in.ts";

const SMS_CONFIGURATION = {
  SnsCallerArn: "arn:aws:iam::123456789012:role/cognito-sms",
  ExternalId: "cognate-test",
};
const SMS_OPTION = { DeliveryMedium: "SMS" as const, AttributeName: "phone_number" };

for (const backend of BACKENDS) {
  describe(`MFA configuration and preferences (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    let clientId: string;
    before(async () => {
      t = await startTestServer({ backend });
      ({ poolId, clientId } = await createPoolAndClient(t.idp));
      await t.idp.send(
        new SetUserPoolMfaConfigCommand({
          UserPoolId: poolId,
          MfaConfiguration: "OPTIONAL",
          SoftwareTokenMfaConfiguration: { Enabled: true },
          SmsMfaConfiguration: { SmsConfiguration: SMS_CONFIGURATION },
          EmailMfaConfiguration: {},
        }),
      );
    });
    after(() => t.close());

    const getConfig = (UserPoolId: string) => t.idp.send(new GetUserPoolMfaConfigCommand({ UserPoolId }));
    const adminGetUser = (Username: string) =>
      t.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username }));

    test("GetUserPoolMfaConfig: a new pool has MFA OFF and TOTP disabled", async () => {
      const { poolId: fresh } = await createPoolAndClient(t.idp);
      const res = await getConfig(fresh);
      assert.equal(res.MfaConfiguration, "OFF");
      assert.deepEqual(res.SoftwareTokenMfaConfiguration, { Enabled: false });
      assert.equal(res.SmsMfaConfiguration, undefined);
      assert.equal(res.EmailMfaConfiguration, undefined);
    });

    test("GetUserPoolMfaConfig: an unknown pool is ResourceNotFoundException", async () => {
      await rejectsWith(
        getConfig("us-east-1_nothere00"),
        "ResourceNotFoundException",
        "User pool us-east-1_nothere00 does not exist.",
      );
    });

    test("SetUserPoolMfaConfig stores every factor; Get and DescribeUserPool read it back", async () => {
      const { poolId: id } = await createPoolAndClient(t.idp);
      const set = await t.idp.send(
        new SetUserPoolMfaConfigCommand({
          UserPoolId: id,
          MfaConfiguration: "ON",
          SoftwareTokenMfaConfiguration: { Enabled: true },
          SmsMfaConfiguration: {
            SmsAuthenticationMessage: "Your code: {####}",
            SmsConfiguration: SMS_CONFIGURATION,
          },
          EmailMfaConfiguration: { Message: "Sign-in code {####}", Subject: "Your code" },
        }),
      );
      const expected = {
        MfaConfiguration: "ON",
        SoftwareTokenMfaConfiguration: { Enabled: true },
        SmsMfaConfiguration: {
          SmsAuthenticationMessage: "Your code: {####}",
          SmsConfiguration: SMS_CONFIGURATION,
        },
        EmailMfaConfiguration: { Message: "Sign-in code {####}", Subject: "Your code" },
      };
      const { $metadata: _a, ...setBody } = set;
      assert.deepEqual(setBody, expected);
      const { $metadata: _b, ...getBody } = await getConfig(id);
      assert.deepEqual(getBody, expected);
      const { UserPool } = await t.idp.send(new DescribeUserPoolCommand({ UserPoolId: id }));
      assert.equal(UserPool?.MfaConfiguration, "ON");
      assert.equal(UserPool?.SmsAuthenticationMessage, "Your code: {####}");
      assert.deepEqual(UserPool?.SmsConfiguration, SMS_CONFIGURATION);
    });

    test("SetUserPoolMfaConfig states the whole configuration: a factor left out is turned off", async () => {
      const { poolId: id } = await createPoolAndClient(t.idp, { SmsConfiguration: SMS_CONFIGURATION });
      await t.idp.send(
        new SetUserPoolMfaConfigCommand({
          UserPoolId: id,
          MfaConfiguration: "OPTIONAL",
          SmsMfaConfiguration: {},
          SoftwareTokenMfaConfiguration: { Enabled: true },
        }),
      );
      assert.ok((await getConfig(id)).SmsMfaConfiguration, "SMS uses the pool's SmsConfiguration");
      await t.idp.send(
        new SetUserPoolMfaConfigCommand({
          UserPoolId: id,
          MfaConfiguration: "OPTIONAL",
          SoftwareTokenMfaConfiguration: { Enabled: true },
        }),
      );
      const res = await getConfig(id);
      assert.equal(res.SmsMfaConfiguration, undefined);
      assert.deepEqual(res.SoftwareTokenMfaConfiguration, { Enabled: true });
      await t.idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: id, MfaConfiguration: "OFF" }));
      assert.equal((await getConfig(id)).MfaConfiguration, "OFF");
    });

    test("SetUserPoolMfaConfig refuses OFF with a factor (go-to-k/cdkd#1923)", async () => {
      await rejectsWith(
        t.idp.send(
          new SetUserPoolMfaConfigCommand({
            UserPoolId: poolId,
            MfaConfiguration: "OFF",
            SoftwareTokenMfaConfiguration: { Enabled: true },
          }),
        ),
        "InvalidParameterException",
        "Invalid MFA configuration given, can't turn off MFA and configure an MFA together.",
      );
    });

    test("SetUserPoolMfaConfig refuses ON or OPTIONAL without a factor (aws/aws-sdk-js#4186)", async () => {
      for (const MfaConfiguration of ["ON", "OPTIONAL"] as const) {
        await rejectsWith(
          t.idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration })),
          "InvalidParameterException",
          "Invalid MFA configuration given, can't disable all MFAs with a required or optional configuration.",
        );
      }
      assert.equal((await getConfig(poolId)).MfaConfiguration, "OPTIONAL", "nothing was written");
    });

    test("SetUserPoolMfaConfig refuses SMS MFA without an SNS configuration, and email MFA in the Lite tier", async () => {
      const { poolId: lite } = await createPoolAndClient(t.idp, { UserPoolTier: "LITE" });
      await rejectsWith(
        t.idp.send(
          new SetUserPoolMfaConfigCommand({
            UserPoolId: lite,
            MfaConfiguration: "ON",
            SmsMfaConfiguration: {},
          }),
        ),
        "InvalidParameterException",
        "Invalid SMS MFA configuration given, external id and a valid caller arn are required",
      );
      await rejectsWith(
        t.idp.send(
          new SetUserPoolMfaConfigCommand({
            UserPoolId: lite,
            MfaConfiguration: "ON",
            EmailMfaConfiguration: {},
          }),
        ),
        "FeatureUnavailableInTierException",
      );
    });

    test("SetUserPoolMfaConfig: an unknown pool is ResourceNotFoundException", async () => {
      await rejectsWith(
        t.idp.send(
          new SetUserPoolMfaConfigCommand({ UserPoolId: "us-east-1_nothere00", MfaConfiguration: "OFF" }),
        ),
        "ResourceNotFoundException",
        "User pool us-east-1_nothere00 does not exist.",
      );
    });

    test("AdminSetUserMFAPreference turns SMS on and preferred; AdminGetUser and GetUser show it", async () => {
      const tokens = await signedInUser(t, poolId, clientId, "sam", { phone_number: "+12065550100" });
      await t.idp.send(
        new AdminSetUserMFAPreferenceCommand({
          UserPoolId: poolId,
          Username: "sam",
          SMSMfaSettings: { Enabled: true, PreferredMfa: true },
        }),
      );
      const admin = await adminGetUser("sam");
      assert.deepEqual(admin.UserMFASettingList, ["SMS_MFA"]);
      assert.equal(admin.PreferredMfaSetting, "SMS_MFA");
      assert.deepEqual(admin.MFAOptions, [SMS_OPTION]);
      const self = await t.publicIdp.send(new GetUserCommand({ AccessToken: tokens.AccessToken }));
      assert.deepEqual(self.UserMFASettingList, ["SMS_MFA"]);
      assert.equal(self.PreferredMfaSetting, "SMS_MFA");

      await t.idp.send(
        new AdminSetUserMFAPreferenceCommand({
          UserPoolId: poolId,
          Username: "sam",
          SMSMfaSettings: { Enabled: false },
        }),
      );
      const off = await adminGetUser("sam");
      assert.equal(off.UserMFASettingList, undefined);
      assert.equal(off.PreferredMfaSetting, undefined);
      assert.equal(off.MFAOptions, undefined);
    });

    test("AdminSetUserMFAPreference refuses factors the user cannot receive, in Cognito's words", async () => {
      await signedInUser(t, poolId, clientId, "nophone");
      await rejectsWith(
        t.idp.send(
          new AdminSetUserMFAPreferenceCommand({
            UserPoolId: poolId,
            Username: "nophone",
            SMSMfaSettings: { Enabled: true },
          }),
        ),
        "InvalidParameterException",
        "User does not have delivery config set to turn on SMS_MFA",
      );
      // aws/aws-sdk-js-v3#4645: TOTP for a user who never associated a token.
      await rejectsWith(
        t.idp.send(
          new AdminSetUserMFAPreferenceCommand({
            UserPoolId: poolId,
            Username: "nophone",
            SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
          }),
        ),
        "InvalidParameterException",
        "User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA",
      );
      await rejectsWith(
        t.idp.send(
          new AdminSetUserMFAPreferenceCommand({
            UserPoolId: poolId,
            Username: "nobody",
            SMSMfaSettings: { Enabled: true },
          }),
        ),
        "UserNotFoundException",
        "User does not exist.",
      );
      assert.equal((await adminGetUser("nophone")).UserMFASettingList, undefined);
    });

    test("AdminSetUserMFAPreference allows one preferred factor only", async () => {
      await signedInUser(t, poolId, clientId, "both", {
        phone_number: "+12065550101",
        email: "both@example.com",
      });
      await rejectsWith(
        t.idp.send(
          new AdminSetUserMFAPreferenceCommand({
            UserPoolId: poolId,
            Username: "both",
            SMSMfaSettings: { Enabled: true, PreferredMfa: true },
            EmailMfaSettings: { Enabled: true, PreferredMfa: true },
          }),
        ),
        "InvalidParameterException",
      );
      await t.idp.send(
        new AdminSetUserMFAPreferenceCommand({
          UserPoolId: poolId,
          Username: "both",
          SMSMfaSettings: { Enabled: true },
          EmailMfaSettings: { Enabled: true, PreferredMfa: true },
        }),
      );
      const res = await adminGetUser("both");
      assert.deepEqual(res.UserMFASettingList, ["SMS_MFA", "EMAIL_OTP"]);
      assert.equal(res.PreferredMfaSetting, "EMAIL_OTP");
    });

    test("SetUserMFAPreference: TOTP needs a verified token (aws-amplify/amplify-js#1343); email MFA turns on", async () => {
      const tokens = await signedInUser(t, poolId, clientId, "tess", { email: "tess@example.com" });
      await t.publicIdp.send(new AssociateSoftwareTokenCommand({ AccessToken: tokens.AccessToken }));
      await rejectsWith(
        t.publicIdp.send(
          new SetUserMFAPreferenceCommand({
            AccessToken: tokens.AccessToken,
            SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
          }),
        ),
        "InvalidParameterException",
        "User has not verified software token mfa",
      );
      await t.publicIdp.send(
        new SetUserMFAPreferenceCommand({
          AccessToken: tokens.AccessToken,
          EmailMfaSettings: { Enabled: true },
        }),
      );
      const res = await t.publicIdp.send(new GetUserCommand({ AccessToken: tokens.AccessToken }));
      assert.deepEqual(res.UserMFASettingList, ["EMAIL_OTP"]);
      assert.equal(res.PreferredMfaSetting, undefined);
      assert.equal(res.MFAOptions, undefined);
    });

    test("SetUserMFAPreference: a bad access token is NotAuthorizedException", async () => {
      await rejectsWith(
        t.publicIdp.send(
          new SetUserMFAPreferenceCommand({ AccessToken: "not.a.token", SMSMfaSettings: { Enabled: true } }),
        ),
        "NotAuthorizedException",
        "Invalid Access Token",
      );
    });

    test("SetUserSettings turns the legacy SMS MFA option on and off; GetUser shows MFAOptions", async () => {
      const tokens = await signedInUser(t, poolId, clientId, "lee", { phone_number: "+12065550102" });
      await t.publicIdp.send(
        new SetUserSettingsCommand({ AccessToken: tokens.AccessToken, MFAOptions: [SMS_OPTION] }),
      );
      const on = await t.publicIdp.send(new GetUserCommand({ AccessToken: tokens.AccessToken }));
      assert.deepEqual(on.MFAOptions, [SMS_OPTION]);
      assert.equal(on.UserMFASettingList, undefined, "the legacy switch does not fill UserMFASettingList");
      await t.publicIdp.send(new SetUserSettingsCommand({ AccessToken: tokens.AccessToken, MFAOptions: [] }));
      const off = await t.publicIdp.send(new GetUserCommand({ AccessToken: tokens.AccessToken }));
      assert.equal(off.MFAOptions, undefined);
    });

    test("SetUserSettings accepts SMS to phone_number only (aws-amplify/aws-sdk-ios#382)", async () => {
      const tokens = await signedInUser(t, poolId, clientId, "eve", { email: "eve@example.com" });
      await rejectsWith(
        t.publicIdp.send(
          new SetUserSettingsCommand({
            AccessToken: tokens.AccessToken,
            MFAOptions: [{ DeliveryMedium: "EMAIL", AttributeName: "email" }],
          }),
        ),
        "InvalidParameterException",
        "Only phone_number attribute is currently supported as a MFA option.",
      );
    });

    test("AdminSetUserSettings sets MFAOptions for a user; an unknown user is UserNotFoundException", async () => {
      await signedInUser(t, poolId, clientId, "ray", { phone_number: "+12065550103" });
      await t.idp.send(
        new AdminSetUserSettingsCommand({ UserPoolId: poolId, Username: "ray", MFAOptions: [SMS_OPTION] }),
      );
      assert.deepEqual((await adminGetUser("ray")).MFAOptions, [SMS_OPTION]);
      await rejectsWith(
        t.idp.send(
          new AdminSetUserSettingsCommand({ UserPoolId: poolId, Username: "nobody", MFAOptions: [] }),
        ),
        "UserNotFoundException",
        "User does not exist.",
      );
    });
  });
}

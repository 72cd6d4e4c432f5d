// MFA through amazon-cognito-identity-js's callbacks, unchanged apart from its `endpoint`:
// mfaSetup → associateSoftwareToken → verifySoftwareToken, totpRequired → sendMFACode(…,
// "SOFTWARE_TOKEN_MFA"), mfaRequired → sendMFACode, selectMFAType → sendMFASelectionAnswer.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AdminSetUserMFAPreferenceCommand,
  AdminSetUserPasswordCommand,
  SetUserPoolMfaConfigCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
  type IAuthenticationCallback,
} from "amazon-cognito-identity-js";
import { createPoolAndClient, createUser, GOOD_PASSWORD } from "../support/fixtures.ts";
import { BACKENDS, latestMessage, startTestServer, type TestServer } from "../support/server.ts";
import { totpCode } from "../support/totp.ts";

type Step =
  | { kind: "success"; session: CognitoUserSession }
  | {
      kind: "mfaSetup" | "totpRequired" | "mfaRequired" | "selectMFAType";
      parameters: Record<string, string>;
    };

/** Runs one call of the library and reports which callback it ended in. */
const step = (run: (callbacks: IAuthenticationCallback) => void) =>
  new Promise<Step>((resolve, reject) =>
    run({
      onSuccess: (session) => resolve({ kind: "success", session }),
      onFailure: reject,
      mfaSetup: (_name, parameters) => resolve({ kind: "mfaSetup", parameters }),
      totpRequired: (_name, parameters) => resolve({ kind: "totpRequired", parameters }),
      mfaRequired: (_name, parameters) => resolve({ kind: "mfaRequired", parameters }),
      selectMFAType: (_name, parameters) => resolve({ kind: "selectMFAType", parameters }),
      newPasswordRequired: () => reject(new Error("unexpected NEW_PASSWORD_REQUIRED")),
    }),
  );

for (const backend of BACKENDS) {
  describe(`amazon-cognito-identity-js MFA (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    let userPool: CognitoUserPool;
    before(async () => {
      t = await startTestServer({ backend, config: { sigv4MaxSkewSeconds: 3600 } });
      const created = await createPoolAndClient(t.idp);
      poolId = created.poolId;
      await t.idp.send(
        new SetUserPoolMfaConfigCommand({
          UserPoolId: poolId,
          MfaConfiguration: "ON",
          SoftwareTokenMfaConfiguration: { Enabled: true },
          SmsMfaConfiguration: {
            SmsConfiguration: { SnsCallerArn: "arn:aws:iam::123456789012:role/cognito-sms", ExternalId: "x" },
          },
        }),
      );
      userPool = new CognitoUserPool({ UserPoolId: poolId, ClientId: created.clientId, endpoint: t.url });
    });
    after(() => t.close());

    const nextStep = () => t.clock.advance(30_000 - (t.clock.nowMs() % 30_000));
    const confirmed = async (username: string, attributes: Record<string, string> = {}) => {
      await createUser(t.idp, poolId, username, attributes);
      await t.idp.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: poolId,
          Username: username,
          Password: GOOD_PASSWORD,
          Permanent: true,
        }),
      );
      return new CognitoUser({ Username: username, Pool: userPool });
    };
    // USER_PASSWORD_AUTH (README, setAuthenticationFlowType); one test also signs in with the default SRP.
    const authenticate = (user: CognitoUser) =>
      step((callbacks) => {
        user.setAuthenticationFlowType("USER_PASSWORD_AUTH");
        user.authenticateUser(
          new AuthenticationDetails({ Username: user.getUsername(), Password: GOOD_PASSWORD }),
          callbacks,
        );
      });

    test("mfaSetup → associateSoftwareToken → verifySoftwareToken signs in; next time totpRequired → sendMFACode (password and SRP)", async () => {
      const user = await confirmed("max");
      const setup = await authenticate(user);
      assert.equal(setup.kind, "mfaSetup");
      assert.deepEqual(setup.kind === "mfaSetup" && setup.parameters, {
        MFAS_CAN_SETUP: '["SMS_MFA","SOFTWARE_TOKEN_MFA"]',
      });
      const secret = await new Promise<string>((resolve, reject) =>
        user.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject }),
      );
      assert.match(secret, /^[A-Z2-7]{32}$/);
      const session = await new Promise<CognitoUserSession>((resolve, reject) =>
        user.verifySoftwareToken(totpCode(secret, t.clock.nowMs()), "Max's phone", {
          onSuccess: resolve,
          onFailure: reject,
        }),
      );
      assert.equal(session.getAccessToken().decodePayload().username, "max");

      nextStep();
      const again = new CognitoUser({ Username: "max", Pool: userPool });
      const prompt = await authenticate(again);
      assert.equal(prompt.kind, "totpRequired");
      assert.deepEqual(prompt.kind === "totpRequired" && prompt.parameters, {
        FRIENDLY_DEVICE_NAME: "Max's phone",
      });
      const done = await step((callbacks) =>
        again.sendMFACode(totpCode(secret, t.clock.nowMs()), callbacks, "SOFTWARE_TOKEN_MFA"),
      );
      assert.equal(done.kind, "success");

      // The library's default flow, USER_SRP_AUTH, reaches the same challenge after PASSWORD_VERIFIER.
      nextStep();
      const srp = new CognitoUser({ Username: "max", Pool: userPool });
      const srpPrompt = await step((callbacks) =>
        srp.authenticateUser(
          new AuthenticationDetails({ Username: "max", Password: GOOD_PASSWORD }),
          callbacks,
        ),
      );
      assert.equal(srpPrompt.kind, "totpRequired");
      const srpDone = await step((callbacks) =>
        srp.sendMFACode(totpCode(secret, t.clock.nowMs()), callbacks, "SOFTWARE_TOKEN_MFA"),
      );
      assert.equal(srpDone.kind, "success");
    });

    test("mfaRequired → sendMFACode with the SMS code", async () => {
      const user = await confirmed("nia", { phone_number: "+12065550100" });
      const prompt = await authenticate(user);
      assert.equal(prompt.kind, "mfaRequired");
      assert.deepEqual(prompt.kind === "mfaRequired" && prompt.parameters, {
        CODE_DELIVERY_DELIVERY_MEDIUM: "SMS",
        CODE_DELIVERY_DESTINATION: "+*******0100",
      });
      const { code } = await latestMessage(t.url, poolId, "nia");
      const wrong = await step((callbacks) =>
        user.sendMFACode(code === "000000" ? "111111" : "000000", callbacks),
      ).catch((e: Error & { code?: string }) => e);
      assert.equal((wrong as Error & { code?: string }).code, "CodeMismatchException");
      const done = await step((callbacks) => user.sendMFACode(code, callbacks));
      assert.equal(done.kind, "success");
    });

    test("selectMFAType → sendMFASelectionAnswer → totpRequired → sendMFACode", async () => {
      const user = await confirmed("oli", { phone_number: "+12065550101" });
      // Set up TOTP through the MFA_SETUP-free path: SMS signs in first, then the token is added.
      const sms = await authenticate(user);
      assert.equal(sms.kind, "mfaRequired");
      const { code } = await latestMessage(t.url, poolId, "oli");
      await step((callbacks) => user.sendMFACode(code, callbacks));
      const secret = await new Promise<string>((resolve, reject) =>
        user.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject }),
      );
      await new Promise((resolve, reject) =>
        user.verifySoftwareToken(totpCode(secret, t.clock.nowMs()), "tablet", {
          onSuccess: resolve,
          onFailure: reject,
        }),
      );
      await t.idp.send(
        new AdminSetUserMFAPreferenceCommand({
          UserPoolId: poolId,
          Username: "oli",
          SMSMfaSettings: { Enabled: true },
          SoftwareTokenMfaSettings: { Enabled: true },
        }),
      );

      nextStep();
      const again = new CognitoUser({ Username: "oli", Pool: userPool });
      const choice = await authenticate(again);
      assert.equal(choice.kind, "selectMFAType");
      assert.deepEqual(choice.kind === "selectMFAType" && choice.parameters, {
        MFAS_CAN_CHOOSE: '["SMS_MFA","SOFTWARE_TOKEN_MFA"]',
      });
      const prompt = await step((callbacks) => again.sendMFASelectionAnswer("SOFTWARE_TOKEN_MFA", callbacks));
      assert.equal(prompt.kind, "totpRequired");
      const done = await step((callbacks) =>
        again.sendMFACode(totpCode(secret, t.clock.nowMs()), callbacks, "SOFTWARE_TOKEN_MFA"),
      );
      assert.equal(done.kind, "success");
    });
  });
}

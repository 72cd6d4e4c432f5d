// TOTP MFA: AssociateSoftwareToken and VerifySoftwareToken with an access token or an MFA_SETUP
// session, the SOFTWARE_TOKEN_MFA and MFA_SETUP challenges, replayed and wrong codes, expiry.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  AssociateSoftwareTokenCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  VerifySoftwareTokenCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, createUser, GOOD_PASSWORD, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";
import { signedInUser } from "../support/signed-in.ts";
import { totpCode } from "../support/totp.ts";

const MISMATCH = "Invalid code or auth state for the user.";

test("the tests' TOTP matches RFC 6238 Appendix B at T = 59 s (last six digits of 94287082)", () => {
  // base32("12345678901234567890")
  assert.equal(totpCode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", 59_000), "287082");
});

for (const backend of BACKENDS) {
  describe(`TOTP MFA (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    let clientId: string;
    before(async () => {
      // The tests move the server's clock; admin calls stay signed with the real one.
      t = await startTestServer({ backend, config: { sigv4MaxSkewSeconds: 3600 } });
      ({ poolId, clientId } = await createPoolAndClient(t.idp));
      await t.idp.send(
        new SetUserPoolMfaConfigCommand({
          UserPoolId: poolId,
          MfaConfiguration: "OPTIONAL",
          SoftwareTokenMfaConfiguration: { Enabled: true },
        }),
      );
    });
    after(() => t.close());

    /** Moves the server's clock to the start of the next 30-second step, so a fresh code is due. */
    const nextStep = () => t.clock.advance(30_000 - (t.clock.nowMs() % 30_000));
    const code = (secret: string) => totpCode(secret, t.clock.nowMs());
    const passwordAuth = (id: string, username: string) =>
      t.publicIdp.send(
        new InitiateAuthCommand({
          ClientId: id,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: username, PASSWORD: GOOD_PASSWORD },
        }),
      );
    const answerTotp = (id: string, username: string, Session: string | undefined, value: string) =>
      t.publicIdp.send(
        new RespondToAuthChallengeCommand({
          ClientId: id,
          ChallengeName: "SOFTWARE_TOKEN_MFA",
          Session,
          ChallengeResponses: { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: value },
        }),
      );

    /** A signed-in user with a verified TOTP turned on and preferred; returns the secret. */
    async function totpUser(username: string): Promise<string> {
      const tokens = await signedInUser(t, poolId, clientId, username);
      const { SecretCode } = await t.publicIdp.send(
        new AssociateSoftwareTokenCommand({ AccessToken: tokens.AccessToken }),
      );
      await t.publicIdp.send(
        new VerifySoftwareTokenCommand({
          AccessToken: tokens.AccessToken,
          UserCode: code(SecretCode!),
          FriendlyDeviceName: "phone",
        }),
      );
      await t.publicIdp.send(
        new SetUserMFAPreferenceCommand({
          AccessToken: tokens.AccessToken,
          SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
        }),
      );
      nextStep();
      return SecretCode!;
    }

    test("AssociateSoftwareToken with an access token: a 32-character base32 secret and no Session", async () => {
      const tokens = await signedInUser(t, poolId, clientId, "ana");
      const res = await t.publicIdp.send(
        new AssociateSoftwareTokenCommand({ AccessToken: tokens.AccessToken }),
      );
      assert.match(res.SecretCode!, /^[A-Z2-7]{32}$/);
      assert.equal(res.Session, undefined);
    });

    test("AssociateSoftwareToken: no token or session, a bad token, a pool without TOTP", async () => {
      await rejectsWith(t.publicIdp.send(new AssociateSoftwareTokenCommand({})), "InvalidParameterException");
      await rejectsWith(
        t.publicIdp.send(new AssociateSoftwareTokenCommand({ AccessToken: "not.a.token" })),
        "NotAuthorizedException",
        "Invalid Access Token",
      );
      const other = await createPoolAndClient(t.idp);
      const tokens = await signedInUser(t, other.poolId, other.clientId, "ben");
      // Developer guide, "TOTP software token MFA".
      await rejectsWith(
        t.publicIdp.send(new AssociateSoftwareTokenCommand({ AccessToken: tokens.AccessToken })),
        "SoftwareTokenMFANotFoundException",
        "Software Token MFA has not been enabled by the userPool.",
      );
    });

    test("VerifySoftwareToken: a wrong code is EnableSoftwareTokenMFAException, the right one SUCCESS", async () => {
      const tokens = await signedInUser(t, poolId, clientId, "cai");
      const { SecretCode } = await t.publicIdp.send(
        new AssociateSoftwareTokenCommand({ AccessToken: tokens.AccessToken }),
      );
      const right = code(SecretCode!);
      const wrong = right === "000000" ? "111111" : "000000";
      await rejectsWith(
        t.publicIdp.send(
          new VerifySoftwareTokenCommand({ AccessToken: tokens.AccessToken, UserCode: wrong }),
        ),
        "EnableSoftwareTokenMFAException",
        "Code mismatch and fail enable Software Token MFA",
      );
      const res = await t.publicIdp.send(
        new VerifySoftwareTokenCommand({ AccessToken: tokens.AccessToken, UserCode: right }),
      );
      assert.equal(res.Status, "SUCCESS");
      assert.equal(res.Session, undefined);
      // Verified but not turned on: in an OPTIONAL pool, sign-in needs no MFA yet.
      nextStep();
      assert.ok((await passwordAuth(clientId, "cai")).AuthenticationResult?.AccessToken);
    });

    test("VerifySoftwareToken without AssociateSoftwareToken first is refused", async () => {
      const tokens = await signedInUser(t, poolId, clientId, "dov");
      await rejectsWith(
        t.publicIdp.send(
          new VerifySoftwareTokenCommand({ AccessToken: tokens.AccessToken, UserCode: "123456" }),
        ),
        "EnableSoftwareTokenMFAException",
        "Code mismatch and fail enable Software Token MFA",
      );
    });

    test("SOFTWARE_TOKEN_MFA: the challenge names the device; a wrong code is CodeMismatchException; the right one signs in", async () => {
      const secret = await totpUser("eli");
      const first = await passwordAuth(clientId, "eli");
      assert.equal(first.ChallengeName, "SOFTWARE_TOKEN_MFA");
      assert.deepEqual(first.ChallengeParameters, { FRIENDLY_DEVICE_NAME: "phone" });
      assert.equal(first.AuthenticationResult, undefined);
      const right = code(secret);
      const wrong = right === "000000" ? "111111" : "000000";
      await rejectsWith(answerTotp(clientId, "eli", first.Session, wrong), "CodeMismatchException", MISMATCH);
      const done = await answerTotp(clientId, "eli", first.Session, right);
      assert.ok(done.AuthenticationResult?.AccessToken);
      assert.deepEqual(done.ChallengeParameters, {});
    });

    test("a TOTP code works once: the same code in a second sign-in is refused until the next step", async () => {
      const secret = await totpUser("fay");
      const used = code(secret);
      const a = await passwordAuth(clientId, "fay");
      assert.ok((await answerTotp(clientId, "fay", a.Session, used)).AuthenticationResult);
      const b = await passwordAuth(clientId, "fay");
      await rejectsWith(answerTotp(clientId, "fay", b.Session, used), "CodeMismatchException", MISMATCH);
      nextStep();
      assert.ok((await answerTotp(clientId, "fay", b.Session, code(secret))).AuthenticationResult);
    });

    test("three wrong codes end the challenge session", async () => {
      const secret = await totpUser("gus");
      const right = code(secret);
      const wrong = right === "000000" ? "111111" : "000000";
      const s = await passwordAuth(clientId, "gus");
      for (let i = 0; i < 3; i++) {
        await rejectsWith(answerTotp(clientId, "gus", s.Session, wrong), "CodeMismatchException", MISMATCH);
      }
      await rejectsWith(
        answerTotp(clientId, "gus", s.Session, right),
        "NotAuthorizedException",
        "Invalid session for the user.",
      );
    });

    test("AdminInitiateAuth and AdminRespondToAuthChallenge answer SOFTWARE_TOKEN_MFA too", async () => {
      const secret = await totpUser("hal");
      const first = await t.idp.send(
        new AdminInitiateAuthCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: "hal", PASSWORD: GOOD_PASSWORD },
        }),
      );
      assert.equal(first.ChallengeName, "SOFTWARE_TOKEN_MFA");
      const done = await t.idp.send(
        new AdminRespondToAuthChallengeCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          ChallengeName: "SOFTWARE_TOKEN_MFA",
          Session: first.Session,
          ChallengeResponses: { USERNAME: "hal", SOFTWARE_TOKEN_MFA_CODE: code(secret) },
        }),
      );
      assert.ok(done.AuthenticationResult?.IdToken);
    });

    describe("MFA_SETUP in a pool that requires MFA", () => {
      let onPool: string;
      let onClient: string;
      before(async () => {
        ({ poolId: onPool, clientId: onClient } = await createPoolAndClient(t.idp));
        await t.idp.send(
          new SetUserPoolMfaConfigCommand({
            UserPoolId: onPool,
            MfaConfiguration: "ON",
            SoftwareTokenMfaConfiguration: { Enabled: true },
          }),
        );
      });

      const confirmedUser = async (username: string) => {
        await createUser(t.idp, onPool, username, {}, "Temp-Pass-1");
        const first = await t.publicIdp.send(
          new InitiateAuthCommand({
            ClientId: onClient,
            AuthFlow: "USER_PASSWORD_AUTH",
            AuthParameters: { USERNAME: username, PASSWORD: "Temp-Pass-1" },
          }),
        );
        assert.equal(first.ChallengeName, "NEW_PASSWORD_REQUIRED");
        // The new password is set, then MFA setup follows.
        return t.publicIdp.send(
          new RespondToAuthChallengeCommand({
            ClientId: onClient,
            ChallengeName: "NEW_PASSWORD_REQUIRED",
            Session: first.Session,
            ChallengeResponses: { USERNAME: username, NEW_PASSWORD: GOOD_PASSWORD },
          }),
        );
      };

      test("AssociateSoftwareToken(Session) → VerifySoftwareToken(Session) → MFA_SETUP → tokens; next sign-in asks for the TOTP", async () => {
        const setup = await confirmedUser("ivy");
        assert.equal(setup.ChallengeName, "MFA_SETUP");
        assert.deepEqual(setup.ChallengeParameters, { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' });
        const assoc = await t.publicIdp.send(new AssociateSoftwareTokenCommand({ Session: setup.Session }));
        assert.match(assoc.SecretCode!, /^[A-Z2-7]{32}$/);
        assert.ok(assoc.Session && assoc.Session !== setup.Session);
        const verified = await t.publicIdp.send(
          new VerifySoftwareTokenCommand({ Session: assoc.Session, UserCode: code(assoc.SecretCode!) }),
        );
        assert.equal(verified.Status, "SUCCESS");
        assert.ok(verified.Session);
        const done = await t.publicIdp.send(
          new RespondToAuthChallengeCommand({
            ClientId: onClient,
            ChallengeName: "MFA_SETUP",
            Session: verified.Session,
            ChallengeResponses: { USERNAME: "ivy" },
          }),
        );
        assert.ok(done.AuthenticationResult?.AccessToken);

        nextStep();
        const again = await passwordAuth(onClient, "ivy");
        assert.equal(again.ChallengeName, "SOFTWARE_TOKEN_MFA");
        assert.deepEqual(again.ChallengeParameters, {});
        assert.ok(
          (await answerTotp(onClient, "ivy", again.Session, code(assoc.SecretCode!))).AuthenticationResult,
        );
      });

      test("MFA_SETUP cannot be answered before the token is verified; a used session is refused", async () => {
        await confirmedUser("jay");
        const setup = await passwordAuth(onClient, "jay");
        assert.equal(setup.ChallengeName, "MFA_SETUP");
        const respond = (Session: string | undefined) =>
          t.publicIdp.send(
            new RespondToAuthChallengeCommand({
              ClientId: onClient,
              ChallengeName: "MFA_SETUP",
              Session,
              ChallengeResponses: { USERNAME: "jay" },
            }),
          );
        await rejectsWith(respond(setup.Session), "NotAuthorizedException", "Invalid session for the user.");
        const assoc = await t.publicIdp.send(new AssociateSoftwareTokenCommand({ Session: setup.Session }));
        await rejectsWith(
          t.publicIdp.send(new AssociateSoftwareTokenCommand({ Session: setup.Session })),
          "NotAuthorizedException",
          "Invalid session for the user, session can only be used once.",
        );
        await rejectsWith(
          t.publicIdp.send(
            new VerifySoftwareTokenCommand({
              Session: assoc.Session,
              UserCode: "000000" === code(assoc.SecretCode!) ? "111111" : "000000",
            }),
          ),
          "EnableSoftwareTokenMFAException",
          "Code mismatch and fail enable Software Token MFA",
        );
      });

      test("a challenge session expires after 3 minutes (developer guide, authentication flow session)", async () => {
        await confirmedUser("kim");
        const setup = await passwordAuth(onClient, "kim");
        t.clock.advance(3 * 60_000 + 1000);
        await rejectsWith(
          t.publicIdp.send(new AssociateSoftwareTokenCommand({ Session: setup.Session })),
          "NotAuthorizedException",
          "Invalid session for the user, session is expired.",
        );
        t.clock.set(new Date());
      });
    });
  });
}

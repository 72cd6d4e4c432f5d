import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { after, before, describe, test } from "node:test";
import {
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  RevokeTokenCommand,
  UserNotFoundException,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, createUser, GOOD_PASSWORD, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, latestMessage, startTestServer, type TestServer } from "../support/server.ts";

/** Creates a CONFIRMED user by answering NEW_PASSWORD_REQUIRED once. */
async function confirmedUser(
  t: TestServer,
  poolId: string,
  clientId: string,
  username: string,
  attrs: Record<string, string> = {},
) {
  await createUser(t.idp, poolId, username, attrs, "Temp-Pass-1");
  const first = await t.idp.send(
    new AdminInitiateAuthCommand({
      UserPoolId: poolId,
      ClientId: clientId,
      AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: username, PASSWORD: "Temp-Pass-1" },
    }),
  );
  assert.equal(first.ChallengeName, "NEW_PASSWORD_REQUIRED");
  const done = await t.idp.send(
    new AdminRespondToAuthChallengeCommand({
      UserPoolId: poolId,
      ClientId: clientId,
      ChallengeName: "NEW_PASSWORD_REQUIRED",
      Session: first.Session,
      ChallengeResponses: { USERNAME: username, NEW_PASSWORD: GOOD_PASSWORD },
    }),
  );
  assert.ok(done.AuthenticationResult?.AccessToken);
}

const passwordAuth = (
  clientId: string,
  username: string,
  password: string,
  extra: Record<string, string> = {},
) =>
  new InitiateAuthCommand({
    ClientId: clientId,
    AuthFlow: "USER_PASSWORD_AUTH",
    AuthParameters: { USERNAME: username, PASSWORD: password, ...extra },
  });

for (const backend of BACKENDS) {
  describe(`InitiateAuth and RespondToAuthChallenge (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    let clientId: string;
    before(async () => {
      t = await startTestServer({ backend });
      ({ poolId, clientId } = await createPoolAndClient(t.idp, {
        Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP"] } },
      }));
      await confirmedUser(t, poolId, clientId, "alice", {
        email: "alice@example.com",
        email_verified: "true",
      });
    });
    after(() => t.close());

    test("USER_PASSWORD_AUTH signs in a confirmed user with ChallengeParameters {}", async () => {
      const r = await t.publicIdp.send(passwordAuth(clientId, "alice", GOOD_PASSWORD));
      assert.deepEqual(r.ChallengeParameters, {});
      assert.equal(r.AuthenticationResult?.TokenType, "Bearer");
      assert.equal(r.AuthenticationResult?.ExpiresIn, 3600);
    });

    test("wrong password: NotAuthorizedException 'Incorrect username or password.'", async () => {
      await rejectsWith(
        t.publicIdp.send(passwordAuth(clientId, "alice", "Wrong-Pass-1")),
        "NotAuthorizedException",
        "Incorrect username or password.",
      );
    });

    test("unknown user: UserNotFoundException under LEGACY, NotAuthorizedException under ENABLED (developer guide, managing user existence errors)", async () => {
      const err = await rejectsWith(
        t.publicIdp.send(passwordAuth(clientId, "nobody", GOOD_PASSWORD)),
        "UserNotFoundException",
        "User does not exist.",
      );
      assert.ok(err instanceof UserNotFoundException);
      const { clientId: strict } = await createPoolAndClient(
        t.idp,
        {},
        { PreventUserExistenceErrors: "ENABLED" },
      );
      await rejectsWith(
        t.publicIdp.send(passwordAuth(strict, "nobody", GOOD_PASSWORD)),
        "NotAuthorizedException",
        "Incorrect username or password.",
      );
    });

    test("flow not enabled on the client (observed Cognito answer is InvalidParameterException)", async () => {
      const { clientId: srpOnly, poolId: p2 } = await createPoolAndClient(
        t.idp,
        {},
        { ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] },
      );
      await rejectsWith(
        t.publicIdp.send(passwordAuth(srpOnly, "alice", GOOD_PASSWORD)),
        "InvalidParameterException",
        "USER_PASSWORD_AUTH flow not enabled for this client",
      );
      await rejectsWith(
        t.idp.send(
          new AdminInitiateAuthCommand({
            UserPoolId: p2,
            ClientId: srpOnly,
            AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
            AuthParameters: { USERNAME: "a", PASSWORD: "b" },
          }),
        ),
        "InvalidParameterException",
        "Auth flow not enabled for this client",
      );
      await rejectsWith(
        t.publicIdp.send(
          new InitiateAuthCommand({
            ClientId: srpOnly,
            AuthFlow: "USER_AUTH",
            AuthParameters: { USERNAME: "alice" },
          }),
        ),
        "InvalidParameterException",
        "Auth flow not enabled for this client",
      );
    });

    test("unknown client: ResourceNotFoundException 'User pool client <id> does not exist.'", async () => {
      await rejectsWith(
        t.publicIdp.send(passwordAuth("1example23456789012345678", "alice", GOOD_PASSWORD)),
        "ResourceNotFoundException",
        "User pool client 1example23456789012345678 does not exist.",
      );
    });

    test("missing PASSWORD: InvalidParameterException", async () => {
      await rejectsWith(
        t.publicIdp.send(
          new InitiateAuthCommand({
            ClientId: clientId,
            AuthFlow: "USER_PASSWORD_AUTH",
            AuthParameters: { USERNAME: "alice" },
          }),
        ),
        "InvalidParameterException",
        "Missing required parameter PASSWORD",
      );
    });

    test("admin flow through InitiateAuth is refused", async () => {
      await rejectsWith(
        t.publicIdp.send(
          new InitiateAuthCommand({
            ClientId: clientId,
            AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
            AuthParameters: { USERNAME: "alice", PASSWORD: GOOD_PASSWORD },
          }),
        ),
        "InvalidParameterException",
        "Initiate Auth method not supported.",
      );
    });

    test("USER_SRP_AUTH answers PASSWORD_VERIFIER (the whole exchange: srp.test.ts)", async () => {
      const r = await t.publicIdp.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: "USER_SRP_AUTH",
          AuthParameters: { USERNAME: "alice", SRP_A: "abc" },
        }),
      );
      assert.equal(r.ChallengeName, "PASSWORD_VERIFIER");
      assert.deepEqual(Object.keys(r.ChallengeParameters ?? {}).sort(), [
        "SALT",
        "SECRET_BLOCK",
        "SRP_B",
        "USERNAME",
        "USER_ID_FOR_SRP",
      ]);
    });

    test("five wrong passwords lock the user out temporarily ('Password attempts exceeded'), the lock expires", async () => {
      await confirmedUser(t, poolId, clientId, "locky");
      for (let i = 0; i < 4; i++) {
        await rejectsWith(
          t.publicIdp.send(passwordAuth(clientId, "locky", "Wrong-Pass-1")),
          "NotAuthorizedException",
          "Incorrect username or password.",
        );
      }
      await rejectsWith(
        t.publicIdp.send(passwordAuth(clientId, "locky", "Wrong-Pass-1")),
        "NotAuthorizedException",
        "Password attempts exceeded",
      );
      // Even the right password is refused while locked.
      await rejectsWith(
        t.publicIdp.send(passwordAuth(clientId, "locky", GOOD_PASSWORD)),
        "NotAuthorizedException",
        "Password attempts exceeded",
      );
      t.clock.advance(2000);
      const ok = await t.publicIdp.send(passwordAuth(clientId, "locky", GOOD_PASSWORD));
      assert.ok(ok.AuthenticationResult?.AccessToken);
      t.clock.advance(-2000);
    });

    test("SECRET_HASH: required, checked, accepted when right", async () => {
      const {
        poolId: p,
        clientId: c,
        clientSecret,
      } = await createPoolAndClient(t.idp, {}, { GenerateSecret: true });
      assert.ok(clientSecret);
      await confirmedUser(t, p, c, "bob").catch(() => {});
      // confirmedUser used AdminInitiateAuth without SECRET_HASH, which a secret client refuses:
      await rejectsWith(
        t.publicIdp.send(passwordAuth(c, "bob", "Temp-Pass-1")),
        "NotAuthorizedException",
        `Client ${c} is configured with secret but SECRET_HASH was not received`,
      );
      await rejectsWith(
        t.publicIdp.send(passwordAuth(c, "bob", "Temp-Pass-1", { SECRET_HASH: "d3Jvbmc=" })),
        "NotAuthorizedException",
        `Unable to verify secret hash for client ${c}`,
      );
      const hash = createHmac("sha256", clientSecret).update(`bob${c}`).digest("base64");
      const r = await t.publicIdp.send(passwordAuth(c, "bob", "Temp-Pass-1", { SECRET_HASH: hash }));
      assert.equal(r.ChallengeName, "NEW_PASSWORD_REQUIRED");
    });

    test("NEW_PASSWORD_REQUIRED: policy enforced, session expires after 3 minutes, tampered session refused", async () => {
      await createUser(t.idp, poolId, "carol", {}, "Temp-Pass-1");
      const start = () => t.publicIdp.send(passwordAuth(clientId, "carol", "Temp-Pass-1"));
      const respond = (session: string | undefined, password: string) =>
        t.publicIdp.send(
          new RespondToAuthChallengeCommand({
            ClientId: clientId,
            ChallengeName: "NEW_PASSWORD_REQUIRED",
            Session: session,
            ChallengeResponses: { USERNAME: "carol", NEW_PASSWORD: password },
          }),
        );
      const first = await start();
      await rejectsWith(
        respond(first.Session, "short"),
        "InvalidPasswordException",
        "Password did not conform with policy: Password not long enough",
      );
      await rejectsWith(
        respond(first.Session, "alllowercase-1"),
        "InvalidPasswordException",
        "Password did not conform with policy: Password must have uppercase characters",
      );
      await rejectsWith(
        respond(`${first.Session!.slice(0, -4)}AAAA`, GOOD_PASSWORD),
        "NotAuthorizedException",
        "Invalid session for the user.",
      );
      t.clock.advance(3 * 60_000 + 1);
      await rejectsWith(
        respond(first.Session, GOOD_PASSWORD),
        "NotAuthorizedException",
        "Invalid session for the user, session is expired.",
      );
      t.clock.advance(-(3 * 60_000 + 1));
      const second = await start();
      const ok = await respond(second.Session, GOOD_PASSWORD);
      assert.ok(ok.AuthenticationResult?.RefreshToken);
      await rejectsWith(respond(second.Session, GOOD_PASSWORD), "NotAuthorizedException");
    });

    test("NEW_PASSWORD_REQUIRED lists required attributes and accepts userAttributes.*", async () => {
      const { poolId: p, clientId: c } = await createPoolAndClient(t.idp, {
        Schema: [{ Name: "name", Required: true, Mutable: true }],
      });
      await createUser(t.idp, p, "dave", { name: "Dave" }, "Temp-Pass-1");
      // name is required, so AdminCreateUser needed it; a second user created without name is refused:
      await rejectsWith(
        createUser(t.idp, p, "erin", {}, "Temp-Pass-1"),
        "InvalidParameterException",
        "Attributes did not conform to the schema: name: The attribute is required",
      );
      const first = await t.publicIdp.send(passwordAuth(c, "dave", "Temp-Pass-1"));
      assert.equal(first.ChallengeParameters?.requiredAttributes, "[]");
      const done = await t.publicIdp.send(
        new RespondToAuthChallengeCommand({
          ClientId: c,
          ChallengeName: "NEW_PASSWORD_REQUIRED",
          Session: first.Session,
          ChallengeResponses: {
            USERNAME: "dave",
            NEW_PASSWORD: GOOD_PASSWORD,
            "userAttributes.name": "David",
          },
        }),
      );
      const claims = JSON.parse(
        Buffer.from(done.AuthenticationResult!.IdToken!.split(".")[1]!, "base64url").toString(),
      );
      assert.equal(claims.name, "David");
    });

    test("USER_AUTH without a preference answers SELECT_CHALLENGE; ANSWER=PASSWORD signs in", async () => {
      const first = await t.publicIdp.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: "USER_AUTH",
          AuthParameters: { USERNAME: "alice" },
        }),
      );
      assert.equal(first.ChallengeName, "SELECT_CHALLENGE");
      assert.deepEqual(first.AvailableChallenges, ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"]);
      const r = await t.publicIdp.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: "SELECT_CHALLENGE",
          Session: first.Session,
          ChallengeResponses: { USERNAME: "alice", ANSWER: "PASSWORD", PASSWORD: GOOD_PASSWORD },
        }),
      );
      assert.ok(r.AuthenticationResult?.AccessToken);
    });

    test("USER_AUTH with PREFERRED_CHALLENGE=PASSWORD and PASSWORD signs in at once", async () => {
      const r = await t.publicIdp.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: "USER_AUTH",
          AuthParameters: { USERNAME: "alice", PREFERRED_CHALLENGE: "PASSWORD", PASSWORD: GOOD_PASSWORD },
        }),
      );
      assert.ok(r.AuthenticationResult?.IdToken);
    });

    test("EMAIL_OTP: a wrong code counts and the right one still works; SELECT_CHALLENGE → EMAIL_OTP", async () => {
      const first = await t.publicIdp.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: "USER_AUTH",
          AuthParameters: { USERNAME: "alice" },
        }),
      );
      const otp = await t.publicIdp.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: "SELECT_CHALLENGE",
          Session: first.Session,
          ChallengeResponses: { USERNAME: "alice", ANSWER: "EMAIL_OTP" },
        }),
      );
      assert.equal(otp.ChallengeName, "EMAIL_OTP");
      assert.equal(otp.ChallengeParameters?.CODE_DELIVERY_DESTINATION, "a***@e***");
      const { code } = await latestMessage(t.url, poolId, "alice");
      const answer = (c: string) =>
        t.publicIdp.send(
          new RespondToAuthChallengeCommand({
            ClientId: clientId,
            ChallengeName: "EMAIL_OTP",
            Session: otp.Session,
            ChallengeResponses: { USERNAME: "alice", EMAIL_OTP_CODE: c },
          }),
        );
      await rejectsWith(
        answer(code === "00000000" ? "11111111" : "00000000"),
        "CodeMismatchException",
        "Invalid code or auth state for the user.",
      );
      const ok = await answer(code);
      assert.ok(ok.AuthenticationResult?.AccessToken);
    });

    test("EMAIL_OTP not allowed by the pool: the preference falls back to SELECT_CHALLENGE with PASSWORD only", async () => {
      const { poolId: p, clientId: c } = await createPoolAndClient(t.idp);
      await createUser(t.idp, p, "frank", { email: "frank@example.com" });
      const r = await t.publicIdp.send(
        new InitiateAuthCommand({
          ClientId: c,
          AuthFlow: "USER_AUTH",
          AuthParameters: { USERNAME: "frank", PREFERRED_CHALLENGE: "EMAIL_OTP" },
        }),
      );
      assert.equal(r.ChallengeName, "SELECT_CHALLENGE");
      assert.deepEqual(r.AvailableChallenges, ["PASSWORD", "PASSWORD_SRP"]);
    });

    test("REFRESH_TOKEN_AUTH issues new tokens; RevokeToken and GlobalSignOut revoke them", async () => {
      const signIn = await t.publicIdp.send(passwordAuth(clientId, "alice", GOOD_PASSWORD));
      const refresh = () =>
        t.publicIdp.send(
          new InitiateAuthCommand({
            ClientId: clientId,
            AuthFlow: "REFRESH_TOKEN_AUTH",
            AuthParameters: { REFRESH_TOKEN: signIn.AuthenticationResult!.RefreshToken! },
          }),
        );
      const r = await refresh();
      assert.ok(r.AuthenticationResult?.AccessToken);
      assert.equal(r.AuthenticationResult?.RefreshToken, undefined);
      await rejectsWith(
        t.publicIdp.send(
          new InitiateAuthCommand({
            ClientId: clientId,
            AuthFlow: "REFRESH_TOKEN_AUTH",
            AuthParameters: { REFRESH_TOKEN: "not-a-token" },
          }),
        ),
        "NotAuthorizedException",
        "Invalid Refresh Token",
      );
      await t.publicIdp.send(
        new RevokeTokenCommand({ ClientId: clientId, Token: signIn.AuthenticationResult!.RefreshToken! }),
      );
      await rejectsWith(refresh(), "NotAuthorizedException", "Refresh Token has been revoked");
      // The access tokens of that sign-in are revoked with it.
      await rejectsWith(
        t.publicIdp.send(new GlobalSignOutCommand({ AccessToken: r.AuthenticationResult!.AccessToken! })),
        "NotAuthorizedException",
        "Access Token has been revoked",
      );

      const other = await t.publicIdp.send(passwordAuth(clientId, "alice", GOOD_PASSWORD));
      await t.publicIdp.send(
        new GlobalSignOutCommand({ AccessToken: other.AuthenticationResult!.AccessToken! }),
      );
      await rejectsWith(
        t.publicIdp.send(new GlobalSignOutCommand({ AccessToken: other.AuthenticationResult!.AccessToken! })),
        "NotAuthorizedException",
        "Access Token has been revoked",
      );
      await rejectsWith(
        t.publicIdp.send(
          new InitiateAuthCommand({
            ClientId: clientId,
            AuthFlow: "REFRESH_TOKEN_AUTH",
            AuthParameters: { REFRESH_TOKEN: other.AuthenticationResult!.RefreshToken! },
          }),
        ),
        "NotAuthorizedException",
        "Refresh Token has been revoked",
      );
    });

    test("access and refresh tokens expire", async () => {
      const signIn = await t.publicIdp.send(passwordAuth(clientId, "alice", GOOD_PASSWORD));
      t.clock.advance(3600_000 + 1000);
      try {
        await rejectsWith(
          t.publicIdp.send(
            new GlobalSignOutCommand({ AccessToken: signIn.AuthenticationResult!.AccessToken! }),
          ),
          "NotAuthorizedException",
          "Access Token has expired",
        );
        t.clock.advance(30 * 86_400_000);
        await rejectsWith(
          t.publicIdp.send(
            new InitiateAuthCommand({
              ClientId: clientId,
              AuthFlow: "REFRESH_TOKEN_AUTH",
              AuthParameters: { REFRESH_TOKEN: signIn.AuthenticationResult!.RefreshToken! },
            }),
          ),
          "NotAuthorizedException",
          "Refresh Token has expired",
        );
      } finally {
        t.clock.set(new Date());
      }
    });

    test("garbage access token: 'Invalid Access Token'", async () => {
      await rejectsWith(
        t.publicIdp.send(new GlobalSignOutCommand({ AccessToken: "eyJhbGciOiJSUzI1NiJ9.e30.c2ln" })),
        "NotAuthorizedException",
        "Invalid Access Token",
      );
    });
  });
}

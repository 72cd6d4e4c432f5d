// SRP sign-in (USER_SRP_AUTH, USER_AUTH's PASSWORD_SRP) as Cognito's own clients drive it:
// amazon-cognito-identity-js's CognitoUser.authenticateUser (its default flow), and the same
// library's AuthenticationHelper by hand through the SDK for the Admin* and USER_AUTH paths.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { after, before, beforeEach, describe, test } from "node:test";
import {
  AdminConfirmSignUpCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  AdminSetUserPasswordCommand,
  ChangePasswordCommand,
  ConfirmForgotPasswordCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
} from "amazon-cognito-identity-js";
import { JwtVerifier } from "aws-jwt-verify";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import { formatTimestamp } from "../../src/user-pools/auth/srp/timestamp.ts";
import { createPoolAndClient, createUser, GOOD_PASSWORD, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, latestMessage, startTestServer, type TestServer } from "../support/server.ts";
import { srpClient } from "../support/srp-client.ts";

type LibraryError = Error & { code?: string };
const N_HEX =
  "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF";
const NEW_PASSWORD = "Brand-New-Pass-7";

for (const backend of BACKENDS) {
  describe(`SRP sign-in (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    let clientId: string;
    before(async () => {
      t = await startTestServer({ backend });
      ({ poolId, clientId } = await createPoolAndClient(t.idp));
    });
    after(() => t.close());
    // The library signs TIMESTAMP with the real time; keep the server's clock there between tests.
    beforeEach(() => t.clock.set(new Date()));

    /** A CONFIRMED user with a permanent password. */
    const confirmedUser = async (username: string, password = GOOD_PASSWORD, pool = poolId) => {
      await createUser(t.idp, pool, username);
      await t.idp.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: pool,
          Username: username,
          Password: password,
          Permanent: true,
        }),
      );
    };

    /** amazon-cognito-identity-js's default sign-in (USER_SRP_AUTH), with its callbacks as a promise. */
    const libraryPool = (pool = poolId, client = clientId) =>
      new CognitoUserPool({ UserPoolId: pool, ClientId: client, endpoint: t.url });
    const librarySignIn = (username: string, password: string, pool = libraryPool()) =>
      new Promise<{
        session?: CognitoUserSession;
        newPassword?: { user: CognitoUser; attributes: unknown; required: unknown };
      }>((resolve, reject) => {
        const user = new CognitoUser({ Username: username, Pool: pool });
        user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
          onSuccess: (session) => resolve({ session }),
          onFailure: reject,
          newPasswordRequired: (attributes, required) =>
            resolve({ newPassword: { user, attributes, required } }),
        });
      });

    /** InitiateAuth USER_SRP_AUTH through the SDK, answered by the library's AuthenticationHelper. */
    const handStart = async (
      username: string,
      extra: Record<string, string> = {},
      client = clientId,
      pool = poolId,
    ) => {
      const srp = srpClient(pool);
      const r = await t.publicIdp.send(
        new InitiateAuthCommand({
          ClientId: client,
          AuthFlow: "USER_SRP_AUTH",
          AuthParameters: { USERNAME: username, SRP_A: srp.srpA, ...extra },
        }),
      );
      return { srp, r, params: r.ChallengeParameters! };
    };
    const respond = (responses: Record<string, string>, session?: string, client = clientId) =>
      t.publicIdp.send(
        new RespondToAuthChallengeCommand({
          ClientId: client,
          ChallengeName: "PASSWORD_VERIFIER",
          ChallengeResponses: responses,
          Session: session,
        }),
      );
    const srpSignIn = async (username: string, password: string) => {
      const { srp, params } = await handStart(username);
      return respond(await srp.answer(params, password));
    };

    test("CognitoUser.authenticateUser (default SRP flow) signs a confirmed user in; the tokens verify", async () => {
      await confirmedUser("alice");
      const { session } = await librarySignIn("alice", GOOD_PASSWORD);
      assert.ok(session?.isValid());
      const discovery = (await (
        await fetch(`${t.url}/${poolId}/.well-known/openid-configuration`)
      ).json()) as { issuer: string; jwks_uri: string };
      const jwksCache = new SimpleJwksCache({
        fetcher: { fetch: async (uri: string) => (await fetch(uri)).arrayBuffer() },
      });
      const id = await JwtVerifier.create(
        { issuer: discovery.issuer, audience: clientId, jwksUri: discovery.jwks_uri },
        { jwksCache },
      ).verify(session!.getIdToken().getJwtToken());
      assert.equal(id["cognito:username"], "alice");
      const access = await JwtVerifier.create(
        {
          issuer: discovery.issuer,
          audience: null,
          jwksUri: discovery.jwks_uri,
          customJwtCheck: ({ payload }) => assert.equal(payload.token_use, "access"),
        },
        { jwksCache },
      ).verify(session!.getAccessToken().getJwtToken());
      assert.equal(access.client_id, clientId);
      assert.equal(access.username, "alice");
    });

    test("the PASSWORD_VERIFIER challenge: Cognito's parameters, hex without padding, no Session", async () => {
      const { r, params } = await handStart("alice");
      assert.equal(r.ChallengeName, "PASSWORD_VERIFIER");
      assert.equal(r.Session, undefined);
      assert.deepEqual(Object.keys(params).sort(), [
        "SALT",
        "SECRET_BLOCK",
        "SRP_B",
        "USERNAME",
        "USER_ID_FOR_SRP",
      ]);
      assert.equal(params.USER_ID_FOR_SRP, "alice");
      assert.equal(params.USERNAME, "alice");
      assert.match(params.SALT!, /^[1-9a-f][0-9a-f]*$/);
      assert.match(params.SRP_B!, /^[1-9a-f][0-9a-f]*$/);
      assert.ok(Buffer.from(params.SECRET_BLOCK!, "base64").toString("base64") === params.SECRET_BLOCK);
      // The salt is the user's, the same on every attempt; B is fresh.
      const again = await handStart("alice");
      assert.equal(again.params.SALT, params.SALT);
      assert.notEqual(again.params.SRP_B, params.SRP_B);
    });

    test("a FORCE_CHANGE_PASSWORD user gets newPasswordRequired; completeNewPasswordChallenge signs in; SRP then uses the new password", async () => {
      await createUser(t.idp, poolId, "bob", { email: "bob@example.com" }, "Temp-Pass-1");
      const { newPassword } = await librarySignIn("bob", "Temp-Pass-1");
      assert.ok(newPassword, "expected newPasswordRequired");
      assert.deepEqual(newPassword.attributes, { email: "bob@example.com" });
      assert.deepEqual(newPassword.required, []);
      const session = await new Promise<CognitoUserSession>((resolve, reject) =>
        newPassword.user.completeNewPasswordChallenge(
          NEW_PASSWORD,
          {},
          { onSuccess: resolve, onFailure: reject },
        ),
      );
      assert.ok(session.isValid());
      assert.ok((await librarySignIn("bob", NEW_PASSWORD)).session?.isValid());
      await assert.rejects(
        librarySignIn("bob", "Temp-Pass-1"),
        (e: LibraryError) => e.code === "NotAuthorizedException",
      );
    });

    test("a wrong password: onFailure NotAuthorizedException 'Incorrect username or password.'", async () => {
      await assert.rejects(librarySignIn("alice", "Wrong-Pass-1"), (e: LibraryError) => {
        assert.equal(e.code, "NotAuthorizedException");
        assert.equal(e.message, "Incorrect username or password.");
        return true;
      });
    });

    test("forged PASSWORD_CLAIM_SIGNATUREs count towards the lockout ('Password attempts exceeded'); it expires", async () => {
      await confirmedUser("carol");
      for (let i = 0; i < 4; i++) {
        const { srp, params } = await handStart("carol");
        const answer = await srp.answer(params, GOOD_PASSWORD);
        await rejectsWith(
          respond({ ...answer, PASSWORD_CLAIM_SIGNATURE: Buffer.alloc(32, i).toString("base64") }),
          "NotAuthorizedException",
          "Incorrect username or password.",
        );
      }
      const { srp, params } = await handStart("carol");
      const forged = { ...(await srp.answer(params, GOOD_PASSWORD)), PASSWORD_CLAIM_SIGNATURE: "AAAA" };
      await rejectsWith(respond(forged), "NotAuthorizedException", "Password attempts exceeded");
      // Locked: even the right proof is refused, and so is the right password on USER_PASSWORD_AUTH.
      await rejectsWith(
        srpSignIn("carol", GOOD_PASSWORD),
        "NotAuthorizedException",
        "Password attempts exceeded",
      );
      t.clock.advance(2000);
      try {
        const { srp: s2, params: p2 } = await handStart("carol");
        const ok = await respond(
          await s2.answer(p2, GOOD_PASSWORD, { timestamp: formatTimestamp(t.clock.nowMs()) }),
        );
        assert.ok(ok.AuthenticationResult?.AccessToken);
      } finally {
        t.clock.advance(-2000);
      }
    });

    test("a SECRET_BLOCK answers once; Session, when sent, must match it", async () => {
      const { srp, params, r } = await handStart("alice");
      assert.equal(r.Session, undefined);
      const answer = await srp.answer(params, GOOD_PASSWORD);
      const other = await handStart("alice");
      await rejectsWith(
        respond(answer, Buffer.from(other.params.SECRET_BLOCK!, "base64").toString("base64url")),
        "NotAuthorizedException",
        "Incorrect username or password.",
      );
      const ok = await respond(answer, Buffer.from(params.SECRET_BLOCK!, "base64").toString("base64url"));
      assert.ok(ok.AuthenticationResult?.IdToken);
      await rejectsWith(
        respond(answer),
        "NotAuthorizedException",
        "Invalid session for the user, session can only be used once.",
      );
    });

    test("an expired exchange: 'Invalid session for the user, session is expired.'", async () => {
      const { srp, params } = await handStart("alice");
      const answer = await srp.answer(params, GOOD_PASSWORD);
      t.clock.advance(3 * 60_000 + 1);
      try {
        await rejectsWith(
          respond(answer),
          "NotAuthorizedException",
          "Invalid session for the user, session is expired.",
        );
      } finally {
        t.clock.advance(-(3 * 60_000 + 1));
      }
    });

    test("TIMESTAMP: Cognito's format only; signed in canonical form; within five minutes of the server", async () => {
      const now = t.clock.nowMs();
      const attempt = async (timestamp: string) => {
        const { srp, params } = await handStart("alice");
        return respond(await srp.answer(params, GOOD_PASSWORD, { timestamp }));
      };
      await rejectsWith(
        attempt(new Date(now).toISOString()),
        "InvalidParameterException",
        "TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.",
      );
      // A zero-padded day or a wrong weekday parse, but the signature is over the canonical form (ministackorg/ministack#1758).
      const padded = formatTimestamp(Date.UTC(2023, 8, 5, 12, 0, 0)).replace(" 5 ", " 05 ");
      t.clock.set(new Date(Date.UTC(2023, 8, 5, 12, 0, 0)));
      try {
        await rejectsWith(attempt(padded), "NotAuthorizedException", "Incorrect username or password.");
        await rejectsWith(
          attempt(formatTimestamp(Date.UTC(2023, 8, 5, 12, 0, 0)).replace("Tue", "Wed")),
          "NotAuthorizedException",
          "Incorrect username or password.",
        );
        assert.ok((await attempt(formatTimestamp(Date.UTC(2023, 8, 5, 12, 0, 0)))).AuthenticationResult);
        await rejectsWith(
          attempt(formatTimestamp(Date.UTC(2023, 8, 5, 11, 54, 0))),
          "NotAuthorizedException",
          "Incorrect username or password.",
        );
        assert.ok((await attempt(formatTimestamp(Date.UTC(2023, 8, 5, 12, 4, 0)))).AuthenticationResult);
      } finally {
        t.clock.set(new Date(now));
      }
    });

    test("SRP_A ≡ 0 (mod N) is refused; SRP_A must be hex", async () => {
      for (const A of [N_HEX, "0", `00${N_HEX}`]) {
        await rejectsWith(
          t.publicIdp.send(
            new InitiateAuthCommand({
              ClientId: clientId,
              AuthFlow: "USER_SRP_AUTH",
              AuthParameters: { USERNAME: "alice", SRP_A: A },
            }),
          ),
          "NotAuthorizedException",
          "Incorrect username or password.",
        );
      }
      await rejectsWith(
        t.publicIdp.send(
          new InitiateAuthCommand({
            ClientId: clientId,
            AuthFlow: "USER_SRP_AUTH",
            AuthParameters: { USERNAME: "alice", SRP_A: "xyz" },
          }),
        ),
        "InvalidParameterException",
      );
      await rejectsWith(
        t.publicIdp.send(
          new InitiateAuthCommand({
            ClientId: clientId,
            AuthFlow: "USER_SRP_AUTH",
            AuthParameters: { USERNAME: "alice" },
          }),
        ),
        "InvalidParameterException",
        "Missing required parameter SRP_A",
      );
    });

    test("unknown users: UserNotFoundException (LEGACY); with PreventUserExistenceErrors a stable decoy that always fails", async () => {
      await rejectsWith(handStart("nobody"), "UserNotFoundException", "User does not exist.");
      const c = await createPoolAndClient(t.idp, {}, { PreventUserExistenceErrors: "ENABLED" });
      await confirmedUser("dora", GOOD_PASSWORD, c.poolId);
      const first = await handStart("nobody", {}, c.clientId, c.poolId);
      const second = await handStart("nobody", {}, c.clientId, c.poolId);
      assert.equal(first.params.SALT, second.params.SALT);
      assert.equal(first.params.USER_ID_FOR_SRP, "nobody");
      await rejectsWith(
        respond(await first.srp.answer(first.params, GOOD_PASSWORD), undefined, c.clientId),
        "NotAuthorizedException",
        "Incorrect username or password.",
      );
      // A real user's wrong password reads the same.
      const real = await handStart("dora", {}, c.clientId, c.poolId);
      await rejectsWith(
        respond(await real.srp.answer(real.params, "Wrong-Pass-1"), undefined, c.clientId),
        "NotAuthorizedException",
        "Incorrect username or password.",
      );
    });

    test("the user's sub is not an SRP sign-in name (measured, ministackorg/ministack#1758)", async () => {
      const r = await t.publicIdp.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: "alice", PASSWORD: GOOD_PASSWORD },
        }),
      );
      const sub = JSON.parse(
        Buffer.from(r.AuthenticationResult!.IdToken!.split(".")[1]!, "base64url").toString(),
      ).sub as string;
      await rejectsWith(handStart(sub), "UserNotFoundException", "User does not exist.");
    });

    test("account state after a correct proof: disabled, unconfirmed", async () => {
      await confirmedUser("erin");
      await t.idp.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: "erin" }));
      await rejectsWith(srpSignIn("erin", GOOD_PASSWORD), "NotAuthorizedException", "User is disabled.");
      await t.idp.send(new AdminEnableUserCommand({ UserPoolId: poolId, Username: "erin" }));
      assert.ok((await srpSignIn("erin", GOOD_PASSWORD)).AuthenticationResult);
      await t.publicIdp.send(
        new SignUpCommand({ ClientId: clientId, Username: "fred", Password: GOOD_PASSWORD }),
      );
      await rejectsWith(
        srpSignIn("fred", GOOD_PASSWORD),
        "UserNotConfirmedException",
        "User is not confirmed.",
      );
      await t.idp.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: "fred" }));
      assert.ok((await srpSignIn("fred", GOOD_PASSWORD)).AuthenticationResult, "SignUp stored a verifier");
    });

    test("every way of setting a password keeps the verifier in step", async () => {
      await confirmedUser("gina", "Old-Pass-word-1");
      await t.idp.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: poolId,
          Username: "gina",
          Password: "Admin-Set-Pass-2",
          Permanent: true,
        }),
      );
      await rejectsWith(
        srpSignIn("gina", "Old-Pass-word-1"),
        "NotAuthorizedException",
        "Incorrect username or password.",
      );
      const signedIn = await srpSignIn("gina", "Admin-Set-Pass-2");
      await t.publicIdp.send(
        new ChangePasswordCommand({
          AccessToken: signedIn.AuthenticationResult!.AccessToken!,
          PreviousPassword: "Admin-Set-Pass-2",
          ProposedPassword: "Changed-Pass-3",
        }),
      );
      assert.ok((await srpSignIn("gina", "Changed-Pass-3")).AuthenticationResult);
      await createUser(t.idp, poolId, "hank", { email: "hank@example.com", email_verified: "true" });
      await t.idp.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: poolId,
          Username: "hank",
          Password: GOOD_PASSWORD,
          Permanent: true,
        }),
      );
      await t.publicIdp.send(new ForgotPasswordCommand({ ClientId: clientId, Username: "hank" }));
      const { code } = await latestMessage(t.url, poolId, "hank");
      await t.publicIdp.send(
        new ConfirmForgotPasswordCommand({
          ClientId: clientId,
          Username: "hank",
          ConfirmationCode: code,
          Password: "Reset-Pass-4",
        }),
      );
      assert.ok((await srpSignIn("hank", "Reset-Pass-4")).AuthenticationResult);
      await rejectsWith(
        srpSignIn("hank", GOOD_PASSWORD),
        "NotAuthorizedException",
        "Incorrect username or password.",
      );
    });

    test("a password set before SRP support: SRP fails until a USER_PASSWORD_AUTH sign-in stores the verifier", async () => {
      await confirmedUser("ivy");
      const user = (await t.server.store.users.getByUsername(poolId, "ivy"))!;
      await t.server.store.users.update(user.id, { srpSalt: null, srpVerifier: null }, t.clock.nowMs());
      await rejectsWith(
        srpSignIn("ivy", GOOD_PASSWORD),
        "NotAuthorizedException",
        "Incorrect username or password.",
      );
      const stale = await handStart("ivy");
      assert.equal((await handStart("ivy")).params.SALT, stale.params.SALT, "the stand-in salt is stable");
      await t.publicIdp.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: "ivy", PASSWORD: GOOD_PASSWORD },
        }),
      );
      assert.ok((await srpSignIn("ivy", GOOD_PASSWORD)).AuthenticationResult);
    });

    test("SECRET_HASH clients: required on both steps, computed over USERNAME then USER_ID_FOR_SRP", async () => {
      const c = await createPoolAndClient(t.idp, {}, { GenerateSecret: true });
      await confirmedUser("jack", GOOD_PASSWORD, c.poolId);
      const hash = (name: string) =>
        createHmac("sha256", c.clientSecret!).update(`${name}${c.clientId}`).digest("base64");
      await rejectsWith(
        handStart("jack", {}, c.clientId, c.poolId),
        "NotAuthorizedException",
        `Client ${c.clientId} is configured with secret but SECRET_HASH was not received`,
      );
      const { srp, params } = await handStart("jack", { SECRET_HASH: hash("jack") }, c.clientId, c.poolId);
      const answer = await srp.answer(params, GOOD_PASSWORD);
      await rejectsWith(
        respond(answer, undefined, c.clientId),
        "NotAuthorizedException",
        `Client ${c.clientId} is configured with secret but SECRET_HASH was not received`,
      );
      const ok = await respond(
        { ...answer, SECRET_HASH: hash(params.USER_ID_FOR_SRP!) },
        undefined,
        c.clientId,
      );
      assert.ok(ok.AuthenticationResult?.AccessToken);
    });

    test("AdminInitiateAuth USER_SRP_AUTH and AdminRespondToAuthChallenge", async () => {
      const srp = srpClient(poolId);
      const r = await t.idp.send(
        new AdminInitiateAuthCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          AuthFlow: "USER_SRP_AUTH",
          AuthParameters: { USERNAME: "alice", SRP_A: srp.srpA },
        }),
      );
      assert.equal(r.ChallengeName, "PASSWORD_VERIFIER");
      const done = await t.idp.send(
        new AdminRespondToAuthChallengeCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          ChallengeName: "PASSWORD_VERIFIER",
          ChallengeResponses: await srp.answer(r.ChallengeParameters!, GOOD_PASSWORD),
        }),
      );
      assert.ok(done.AuthenticationResult?.RefreshToken);
    });

    test("a client without ALLOW_USER_SRP_AUTH: 'USER_SRP_AUTH is not enabled for the client.'", async () => {
      const c = await createPoolAndClient(
        t.idp,
        {},
        { ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] },
      );
      await rejectsWith(
        handStart("alice", {}, c.clientId, c.poolId),
        "InvalidParameterException",
        "USER_SRP_AUTH is not enabled for the client.",
      );
      // Clients created without ExplicitAuthFlows allow SRP (Cognito's default).
      const d = await createPoolAndClient(t.idp, {}, { ExplicitAuthFlows: undefined });
      await confirmedUser("kim", GOOD_PASSWORD, d.poolId);
      assert.ok(
        (await librarySignIn("kim", GOOD_PASSWORD, libraryPool(d.poolId, d.clientId))).session?.isValid(),
      );
    });

    test("email as username: the library signs in with the email; USER_ID_FOR_SRP is the internal username", async () => {
      const c = await createPoolAndClient(t.idp, { UsernameAttributes: ["email"] });
      await createUser(t.idp, c.poolId, "lena@example.com");
      await t.idp.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: c.poolId,
          Username: "lena@example.com",
          Password: GOOD_PASSWORD,
          Permanent: true,
        }),
      );
      const { params } = await handStart("lena@example.com", {}, c.clientId, c.poolId);
      assert.notEqual(params.USER_ID_FOR_SRP, "lena@example.com");
      const { session } = await librarySignIn(
        "lena@example.com",
        GOOD_PASSWORD,
        libraryPool(c.poolId, c.clientId),
      );
      assert.equal(session?.getIdToken().decodePayload().email, "lena@example.com");
    });

    test("USER_AUTH: PREFERRED_CHALLENGE=PASSWORD_SRP and SELECT_CHALLENGE ANSWER=PASSWORD_SRP", async () => {
      const srp = srpClient(poolId);
      const first = await t.publicIdp.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: "USER_AUTH",
          AuthParameters: { USERNAME: "alice", PREFERRED_CHALLENGE: "PASSWORD_SRP", SRP_A: srp.srpA },
        }),
      );
      assert.equal(first.ChallengeName, "PASSWORD_VERIFIER");
      assert.ok(first.Session);
      const done = await t.publicIdp.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: "PASSWORD_VERIFIER",
          Session: first.Session,
          ChallengeResponses: await srp.answer(first.ChallengeParameters!, GOOD_PASSWORD),
        }),
      );
      assert.ok(done.AuthenticationResult?.AccessToken);

      const select = await t.publicIdp.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: "USER_AUTH",
          AuthParameters: { USERNAME: "alice" },
        }),
      );
      assert.deepEqual(select.AvailableChallenges, ["PASSWORD", "PASSWORD_SRP"]);
      const srp2 = srpClient(poolId);
      const verifier = await t.publicIdp.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: "SELECT_CHALLENGE",
          Session: select.Session,
          ChallengeResponses: { USERNAME: "alice", ANSWER: "PASSWORD_SRP", SRP_A: srp2.srpA },
        }),
      );
      assert.equal(verifier.ChallengeName, "PASSWORD_VERIFIER");
      const wrong = await srp2.answer(verifier.ChallengeParameters!, "Wrong-Pass-1");
      await rejectsWith(
        t.publicIdp.send(
          new RespondToAuthChallengeCommand({
            ClientId: clientId,
            ChallengeName: "PASSWORD_VERIFIER",
            Session: verifier.Session,
            ChallengeResponses: wrong,
          }),
        ),
        "NotAuthorizedException",
        "Incorrect username or password.",
      );
    });
  });
}

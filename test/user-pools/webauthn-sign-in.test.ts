// Passkey sign-in: InitiateAuth USER_AUTH → WEB_AUTHN (CREDENTIAL_REQUEST_OPTIONS) → RespondToAuthChallenge
// with CREDENTIAL (API reference, RespondToAuthChallenge and ChallengeResponseType), with a software
// authenticator signing real assertions.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  CompleteWebAuthnRegistrationCommand,
  type CreateUserPoolRequest,
  DeleteWebAuthnCredentialCommand,
  GetUserCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
  StartWebAuthnRegistrationCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";
import { signedInUser } from "../support/signed-in.ts";
import {
  type AuthenticatorOptions,
  type CreationOptions,
  type RequestOptions,
  SoftwareAuthenticator,
} from "../support/webauthn-authenticator.ts";

const PASSKEY_POOL: Partial<CreateUserPoolRequest> = {
  Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "WEB_AUTHN"] } },
};
const REFUSED = "Invalid passkey credential for the user.";

for (const backend of BACKENDS) {
  describe(`USER_AUTH with passkeys (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    let clientId: string;
    let n = 0;
    before(async () => {
      t = await startTestServer({ backend });
      ({ poolId, clientId } = await createPoolAndClient(t.idp, PASSKEY_POOL));
    });
    after(() => t.close());

    /** A user of the pool with one registered passkey. */
    const userWithPasskey = async (opts: AuthenticatorOptions = {}, pool = { poolId, clientId }) => {
      const username = `user${++n}`;
      const token = (await signedInUser(t, pool.poolId, pool.clientId, username)).AccessToken!;
      const passkey = new SoftwareAuthenticator(opts);
      const { CredentialCreationOptions } = await t.publicIdp.send(
        new StartWebAuthnRegistrationCommand({ AccessToken: token }),
      );
      await t.publicIdp.send(
        new CompleteWebAuthnRegistrationCommand({
          AccessToken: token,
          Credential: passkey.register(CredentialCreationOptions as unknown as CreationOptions) as never,
        }),
      );
      return { username, token, passkey };
    };
    const userAuth = (username: string, preferred?: string, client = clientId) =>
      t.publicIdp.send(
        new InitiateAuthCommand({
          ClientId: client,
          AuthFlow: "USER_AUTH",
          AuthParameters: { USERNAME: username, ...(preferred ? { PREFERRED_CHALLENGE: preferred } : {}) },
        }),
      );
    const requestOptions = (r: { ChallengeParameters?: Record<string, string> }) =>
      JSON.parse(r.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS!) as RequestOptions & Record<string, any>;
    const answer = (username: string, session: string | undefined, credential: unknown, client = clientId) =>
      t.publicIdp.send(
        new RespondToAuthChallengeCommand({
          ClientId: client,
          ChallengeName: "WEB_AUTHN",
          Session: session,
          ChallengeResponses: {
            USERNAME: username,
            CREDENTIAL: typeof credential === "string" ? credential : JSON.stringify(credential),
          },
        }),
      );

    test("PREFERRED_CHALLENGE=WEB_AUTHN answers WEB_AUTHN with CREDENTIAL_REQUEST_OPTIONS; the assertion signs in", async () => {
      const { username, passkey } = await userWithPasskey();
      const challenge = await userAuth(username, "WEB_AUTHN");
      assert.equal(challenge.ChallengeName, "WEB_AUTHN");
      assert.ok(challenge.Session);
      assert.equal(challenge.AvailableChallenges, undefined);
      const options = requestOptions(challenge);
      assert.equal(options.rpId, "localhost");
      assert.equal(options.userVerification, "preferred");
      assert.match(options.challenge, /^[A-Za-z0-9_-]{43}$/);
      assert.deepEqual(options.allowCredentials, [
        { type: "public-key", id: passkey.id, transports: ["internal", "hybrid"] },
      ]);
      const signedIn = await answer(username, challenge.Session, passkey.authenticate(options));
      assert.deepEqual(signedIn.ChallengeParameters, {});
      const tokens = signedIn.AuthenticationResult!;
      assert.equal(tokens.TokenType, "Bearer");
      assert.ok(tokens.IdToken && tokens.RefreshToken);
      const me = await t.publicIdp.send(new GetUserCommand({ AccessToken: tokens.AccessToken }));
      assert.equal(me.Username, username);
    });

    test("AdminInitiateAuth and AdminRespondToAuthChallenge sign in with a passkey too", async () => {
      const { username, passkey } = await userWithPasskey();
      const challenge = await t.idp.send(
        new AdminInitiateAuthCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          AuthFlow: "USER_AUTH",
          AuthParameters: { USERNAME: username, PREFERRED_CHALLENGE: "WEB_AUTHN" },
        }),
      );
      const done = await t.idp.send(
        new AdminRespondToAuthChallengeCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          ChallengeName: "WEB_AUTHN",
          Session: challenge.Session,
          ChallengeResponses: {
            USERNAME: username,
            CREDENTIAL: JSON.stringify(passkey.authenticate(requestOptions(challenge))),
          },
        }),
      );
      assert.ok(done.AuthenticationResult?.AccessToken);
    });

    test("a wrong signature is refused, and the session is spent", async () => {
      const { username, passkey } = await userWithPasskey();
      const challenge = await userAuth(username, "WEB_AUTHN");
      const assertion = passkey.authenticate(requestOptions(challenge));
      const signature = Buffer.from(assertion.response.signature, "base64url");
      signature[signature.length - 1]! ^= 0x01;
      const forged = {
        ...assertion,
        response: { ...assertion.response, signature: signature.toString("base64url") },
      };
      await rejectsWith(answer(username, challenge.Session, forged), "NotAuthorizedException", REFUSED);
      await rejectsWith(
        answer(username, challenge.Session, passkey.authenticate(requestOptions(challenge))),
        "NotAuthorizedException",
        "Invalid session for the user, session can only be used once.",
      );
    });

    test("replays are refused: the same session twice, or an old assertion on a new challenge", async () => {
      const { username, passkey } = await userWithPasskey();
      const first = await userAuth(username, "WEB_AUTHN");
      const assertion = passkey.authenticate(requestOptions(first));
      await answer(username, first.Session, assertion);
      await rejectsWith(
        answer(username, first.Session, assertion),
        "NotAuthorizedException",
        "Invalid session for the user, session can only be used once.",
      );
      const second = await userAuth(username, "WEB_AUTHN");
      await rejectsWith(answer(username, second.Session, assertion), "NotAuthorizedException", REFUSED);
    });

    test("the signature counter must move forward (a cloned authenticator); one that keeps no counter signs in again and again", async () => {
      const { username, passkey } = await userWithPasskey();
      for (let i = 0; i < 2; i++) {
        const c = await userAuth(username, "WEB_AUTHN");
        await answer(username, c.Session, passkey.authenticate(requestOptions(c)));
      }
      passkey.signCount = 1; // the clone's counter lags behind the original's
      const c = await userAuth(username, "WEB_AUTHN");
      await rejectsWith(
        answer(username, c.Session, passkey.authenticate(requestOptions(c))),
        "NotAuthorizedException",
        REFUSED,
      );

      const counterless = await userWithPasskey({ counter: false });
      for (let i = 0; i < 2; i++) {
        const c2 = await userAuth(counterless.username, "WEB_AUTHN");
        const r = await answer(
          counterless.username,
          c2.Session,
          counterless.passkey.authenticate(requestOptions(c2)),
        );
        assert.ok(r.AuthenticationResult?.AccessToken);
      }
    });

    test("another user's passkey, an unknown one, or a foreign origin is refused", async () => {
      const alice = await userWithPasskey();
      const bob = await userWithPasskey();
      const tries = [
        bob.passkey,
        new SoftwareAuthenticator(),
        new SoftwareAuthenticator({ origin: "https://evil.example" }),
      ];
      for (const passkey of tries) {
        const c = await userAuth(alice.username, "WEB_AUTHN");
        await rejectsWith(
          answer(alice.username, c.Session, passkey.authenticate(requestOptions(c))),
          "NotAuthorizedException",
          REFUSED,
        );
      }
      const c = await userAuth(alice.username, "WEB_AUTHN");
      const fromEvil = alice.passkey.authenticate(requestOptions(c), { origin: "https://evil.example" });
      await rejectsWith(answer(alice.username, c.Session, fromEvil), "NotAuthorizedException", REFUSED);
    });

    test("SELECT_CHALLENGE offers WEB_AUTHN once the user has a passkey; ANSWER=WEB_AUTHN leads to the WEB_AUTHN challenge", async () => {
      const username = `user${++n}`;
      const token = (await signedInUser(t, poolId, clientId, username)).AccessToken!;
      const without = await userAuth(username, "WEB_AUTHN");
      assert.equal(without.ChallengeName, "SELECT_CHALLENGE");
      assert.deepEqual(without.AvailableChallenges, ["PASSWORD", "PASSWORD_SRP"]);
      const passkey = new SoftwareAuthenticator();
      const { CredentialCreationOptions } = await t.publicIdp.send(
        new StartWebAuthnRegistrationCommand({ AccessToken: token }),
      );
      await t.publicIdp.send(
        new CompleteWebAuthnRegistrationCommand({
          AccessToken: token,
          Credential: passkey.register(CredentialCreationOptions as unknown as CreationOptions) as never,
        }),
      );
      const select = await userAuth(username);
      assert.equal(select.ChallengeName, "SELECT_CHALLENGE");
      assert.deepEqual(select.AvailableChallenges, ["PASSWORD", "PASSWORD_SRP", "WEB_AUTHN"]);
      const chosen = await t.publicIdp.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: "SELECT_CHALLENGE",
          Session: select.Session,
          ChallengeResponses: { USERNAME: username, ANSWER: "WEB_AUTHN" },
        }),
      );
      assert.equal(chosen.ChallengeName, "WEB_AUTHN");
      const done = await answer(username, chosen.Session, passkey.authenticate(requestOptions(chosen)));
      assert.ok(done.AuthenticationResult?.AccessToken);
    });

    test("after DeleteWebAuthnCredential the passkey no longer signs in and WEB_AUTHN is not offered", async () => {
      const { username, token, passkey } = await userWithPasskey();
      const pending = await userAuth(username, "WEB_AUTHN");
      await t.publicIdp.send(
        new DeleteWebAuthnCredentialCommand({ AccessToken: token, CredentialId: passkey.id }),
      );
      await rejectsWith(
        answer(username, pending.Session, passkey.authenticate(requestOptions(pending))),
        "NotAuthorizedException",
        REFUSED,
      );
      const select = await userAuth(username, "WEB_AUTHN");
      assert.equal(select.ChallengeName, "SELECT_CHALLENGE");
      assert.deepEqual(select.AvailableChallenges, ["PASSWORD", "PASSWORD_SRP"]);
      await rejectsWith(
        t.publicIdp.send(
          new RespondToAuthChallengeCommand({
            ClientId: clientId,
            ChallengeName: "SELECT_CHALLENGE",
            Session: select.Session,
            ChallengeResponses: { USERNAME: username, ANSWER: "WEB_AUTHN" },
          }),
        ),
        "InvalidParameterException",
        "The challenge WEB_AUTHN is not available for this user.",
      );
    });

    test("unknown user: UserNotFoundException, or with PreventUserExistenceErrors a WEB_AUTHN challenge that leads nowhere", async () => {
      await rejectsWith(userAuth("nobody", "WEB_AUTHN"), "UserNotFoundException", "User does not exist.");
      const strict = await createPoolAndClient(t.idp, PASSKEY_POOL, {
        PreventUserExistenceErrors: "ENABLED",
      });
      const decoy = await userAuth("nobody", "WEB_AUTHN", strict.clientId);
      assert.equal(decoy.ChallengeName, "WEB_AUTHN");
      const options = requestOptions(decoy);
      assert.deepEqual(options.allowCredentials, []);
      await rejectsWith(
        answer("nobody", decoy.Session, new SoftwareAuthenticator().authenticate(options), strict.clientId),
        "NotAuthorizedException",
        REFUSED,
      );
    });

    test("CREDENTIAL missing or not JSON: InvalidParameterException", async () => {
      const { username } = await userWithPasskey();
      const c = await userAuth(username, "WEB_AUTHN");
      await rejectsWith(
        t.publicIdp.send(
          new RespondToAuthChallengeCommand({
            ClientId: clientId,
            ChallengeName: "WEB_AUTHN",
            Session: c.Session,
            ChallengeResponses: { USERNAME: username },
          }),
        ),
        "InvalidParameterException",
        "Missing required parameter CREDENTIAL",
      );
      await rejectsWith(
        answer(username, c.Session, "{not json"),
        "InvalidParameterException",
        "CREDENTIAL must be an AuthenticationResponseJSON object.",
      );
    });

    test("UserVerification required: the options ask for it and an assertion without it is refused", async () => {
      const pool = await createPoolAndClient(t.idp, PASSKEY_POOL);
      await t.idp.send(
        new SetUserPoolMfaConfigCommand({
          UserPoolId: pool.poolId,
          MfaConfiguration: "OFF",
          WebAuthnConfiguration: { RelyingPartyId: "localhost", UserVerification: "required" },
        }),
      );
      const { username, passkey } = await userWithPasskey({}, pool);
      passkey.userVerified = false;
      const c = await userAuth(username, "WEB_AUTHN", pool.clientId);
      assert.equal(requestOptions(c).userVerification, "required");
      await rejectsWith(
        answer(username, c.Session, passkey.authenticate(requestOptions(c)), pool.clientId),
        "NotAuthorizedException",
        REFUSED,
      );
      passkey.userVerified = true;
      const again = await userAuth(username, "WEB_AUTHN", pool.clientId);
      const ok = await answer(
        username,
        again.Session,
        passkey.authenticate(requestOptions(again)),
        pool.clientId,
      );
      assert.ok(ok.AuthenticationResult?.AccessToken);
    });

    // Last: it moves the server's clock, which SigV4-signed admin calls would then fail.
    test("the WEB_AUTHN session expires with the client's auth session (3 minutes by default)", async () => {
      const { username, passkey } = await userWithPasskey();
      const c = await userAuth(username, "WEB_AUTHN");
      t.clock.advance(3 * 60_000 + 1000);
      await rejectsWith(
        answer(username, c.Session, passkey.authenticate(requestOptions(c))),
        "NotAuthorizedException",
        "Invalid session for the user, session is expired.",
      );
    });
  });
}

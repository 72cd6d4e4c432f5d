// StartWebAuthnRegistration, CompleteWebAuthnRegistration, ListWebAuthnCredentials and
// DeleteWebAuthnCredential with a software authenticator producing real attestations.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  CompleteWebAuthnRegistrationCommand,
  CreateUserPoolClientCommand,
  type CreateUserPoolRequest,
  DeleteWebAuthnCredentialCommand,
  GetUserCommand,
  ListWebAuthnCredentialsCommand,
  SetUserPoolMfaConfigCommand,
  StartWebAuthnRegistrationCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";
import { signedInUser, signIn } from "../support/signed-in.ts";
import { type CreationOptions, SoftwareAuthenticator } from "../support/webauthn-authenticator.ts";

const PASSKEY_POOL: Partial<CreateUserPoolRequest> = {
  Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "WEB_AUTHN"] } },
};

for (const backend of BACKENDS) {
  describe(`WebAuthn registration (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    let clientId: string;
    let n = 0;
    before(async () => {
      t = await startTestServer({ backend });
      ({ poolId, clientId } = await createPoolAndClient(t.idp, PASSKEY_POOL));
    });
    after(() => t.close());

    /** A new signed-in user of the passkey pool and their access token. */
    const newUser = async (attributes: Record<string, string> = {}) => {
      const username = `user${++n}`;
      const tokens = await signedInUser(t, poolId, clientId, username, attributes);
      return { username, token: tokens.AccessToken! };
    };
    const start = async (AccessToken: string) =>
      (await t.publicIdp.send(new StartWebAuthnRegistrationCommand({ AccessToken })))
        .CredentialCreationOptions as unknown as CreationOptions & Record<string, any>;
    const complete = (AccessToken: string, Credential: unknown) =>
      t.publicIdp.send(
        new CompleteWebAuthnRegistrationCommand({ AccessToken, Credential: Credential as never }),
      );
    const list = (AccessToken: string, extra: { MaxResults?: number; NextToken?: string } = {}) =>
      t.publicIdp.send(new ListWebAuthnCredentialsCommand({ AccessToken, ...extra }));

    test("StartWebAuthnRegistration answers PublicKeyCredentialCreationOptionsJSON for the signed-in user", async () => {
      const { username, token } = await newUser({ email: "a@example.com" });
      const options = await start(token);
      const { UserAttributes } = await t.publicIdp.send(new GetUserCommand({ AccessToken: token }));
      const sub = UserAttributes!.find((a) => a.Name === "sub")!.Value!;
      // No WebAuthnConfiguration and no publicUrl: the relying party is localhost.
      assert.deepEqual(options.rp, { id: "localhost", name: "test-pool" });
      assert.deepEqual(options.user, {
        id: Buffer.from(sub).toString("base64url"),
        name: username,
        displayName: "a@example.com",
      });
      assert.match(options.challenge, /^[A-Za-z0-9_-]{43}$/);
      assert.deepEqual(
        options.pubKeyCredParams.map((p: { alg: number }) => p.alg),
        [-7, -257],
      );
      assert.deepEqual(options.authenticatorSelection, {
        residentKey: "required",
        requireResidentKey: true,
        userVerification: "preferred",
      });
      assert.deepEqual(options.excludeCredentials, []);
      assert.notEqual((await start(token)).challenge, options.challenge);
    });

    test("register a passkey (none attestation), list it, and it is excluded from the next registration", async () => {
      const { token } = await newUser();
      const passkey = new SoftwareAuthenticator();
      const before = Math.floor(t.clock.nowMs() / 1000);
      const { $metadata, ...rest } = await complete(token, passkey.register(await start(token)));
      assert.equal($metadata.httpStatusCode, 200);
      assert.deepEqual(rest, {});
      const { Credentials, NextToken } = await list(token);
      assert.equal(NextToken, undefined);
      assert.equal(Credentials?.length, 1);
      const c = Credentials![0]!;
      assert.equal(c.CredentialId, passkey.id);
      assert.equal(c.RelyingPartyId, "localhost");
      assert.equal(c.AuthenticatorAttachment, "platform");
      assert.deepEqual(c.AuthenticatorTransports, ["internal", "hybrid"]);
      assert.match(c.FriendlyCredentialName!, /^Passkey \d{4}-\d{2}-\d{2}$/);
      assert.ok(Math.abs(c.CreatedAt!.getTime() / 1000 - before) <= 2);
      const next = await start(token);
      assert.deepEqual(next.excludeCredentials, [
        { type: "public-key", id: passkey.id, transports: ["internal", "hybrid"] },
      ]);
    });

    test("a second passkey pages: MaxResults 1 gives a NextToken that leads to the other; a bad NextToken is refused", async () => {
      const { token } = await newUser();
      const first = new SoftwareAuthenticator();
      const second = new SoftwareAuthenticator();
      await complete(token, first.register(await start(token)));
      t.clock.advance(1000);
      await complete(token, second.register(await start(token)));
      const page1 = await list(token, { MaxResults: 1 });
      assert.deepEqual(
        page1.Credentials!.map((c) => c.CredentialId),
        [first.id],
      );
      assert.ok(page1.NextToken);
      const page2 = await list(token, { MaxResults: 1, NextToken: page1.NextToken });
      assert.deepEqual(
        page2.Credentials!.map((c) => c.CredentialId),
        [second.id],
      );
      assert.equal(page2.NextToken, undefined);
      assert.equal((await list(token)).Credentials!.length, 2);
      await rejectsWith(
        list(token, { NextToken: "not-a-token" }),
        "InvalidParameterException",
        "Invalid NextToken.",
      );
    });

    test("DeleteWebAuthnCredential removes the user's passkey; again, or another user's, is ResourceNotFoundException", async () => {
      const alice = await newUser();
      const bob = await newUser();
      const passkey = new SoftwareAuthenticator();
      await complete(alice.token, passkey.register(await start(alice.token)));
      await rejectsWith(
        t.publicIdp.send(
          new DeleteWebAuthnCredentialCommand({ AccessToken: bob.token, CredentialId: passkey.id }),
        ),
        "ResourceNotFoundException",
        "The passkey credential was not found.",
      );
      await t.publicIdp.send(
        new DeleteWebAuthnCredentialCommand({ AccessToken: alice.token, CredentialId: passkey.id }),
      );
      assert.deepEqual((await list(alice.token)).Credentials, []);
      await rejectsWith(
        t.publicIdp.send(
          new DeleteWebAuthnCredentialCommand({ AccessToken: alice.token, CredentialId: passkey.id }),
        ),
        "ResourceNotFoundException",
        "The passkey credential was not found.",
      );
    });

    test("packed self-attestation is verified: accepted as made, refused once clientDataJSON is altered", async () => {
      const { token } = await newUser();
      const good = new SoftwareAuthenticator({ attestation: "packed" });
      await complete(token, good.register(await start(token)));
      const forged = new SoftwareAuthenticator({ attestation: "packed" });
      const credential = forged.register(await start(token));
      const clientData = JSON.parse(Buffer.from(credential.response.clientDataJSON, "base64url").toString());
      credential.response.clientDataJSON = Buffer.from(JSON.stringify({ ...clientData, extra: 1 })).toString(
        "base64url",
      );
      await rejectsWith(
        complete(token, credential),
        "InvalidParameterException",
        /^The passkey credential is not valid: /,
      );
      assert.deepEqual(
        (await list(token)).Credentials!.map((c) => c.CredentialId),
        [good.id],
      );
    });

    test("no pending registration, or one already completed: WebAuthnChallengeNotFoundException", async () => {
      const { token } = await newUser();
      const passkey = new SoftwareAuthenticator();
      const options = {
        challenge: "AAAA",
        rp: { id: "localhost", name: "x" },
        user: { id: "x", name: "x" },
        pubKeyCredParams: [],
      };
      const message =
        "The passkey registration challenge has expired or was not found; call StartWebAuthnRegistration again.";
      await rejectsWith(
        complete(token, passkey.register(options)),
        "WebAuthnChallengeNotFoundException",
        message,
      );
      const credential = passkey.register(await start(token));
      await complete(token, credential);
      await rejectsWith(complete(token, credential), "WebAuthnChallengeNotFoundException", message);
      // A credential signing another challenge than the pending one.
      await start(token);
      await rejectsWith(
        complete(token, new SoftwareAuthenticator().register(options)),
        "WebAuthnChallengeNotFoundException",
        message,
      );
    });

    test("a token of another app client cannot complete the registration: WebAuthnClientMismatchException", async () => {
      const { username, token } = await newUser();
      const other = await t.idp.send(
        new CreateUserPoolClientCommand({
          UserPoolId: poolId,
          ClientName: "other",
          ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        }),
      );
      const otherToken = (await signIn(t, other.UserPoolClient!.ClientId!, username)).AccessToken!;
      const credential = new SoftwareAuthenticator().register(await start(token));
      await rejectsWith(
        complete(otherToken, credential),
        "WebAuthnClientMismatchException",
        "The access token is for another app client than the one that started the passkey registration.",
      );
      // The refused attempt did not spend the challenge.
      await complete(token, credential);
    });

    test("an origin off the relying party, or a passkey made for another RP ID, is refused", async () => {
      const { token } = await newUser();
      await rejectsWith(
        complete(
          token,
          new SoftwareAuthenticator({ origin: "https://evil.example" }).register(await start(token)),
        ),
        "WebAuthnOriginNotAllowedException",
        "The origin https://evil.example is not allowed for the relying party localhost.",
      );
      await rejectsWith(
        complete(token, new SoftwareAuthenticator({ rpId: "example.com" }).register(await start(token))),
        "WebAuthnRelyingPartyMismatchException",
        "The passkey was created for another relying party than localhost.",
      );
      await rejectsWith(complete(token, {}), "WebAuthnChallengeNotFoundException");
      await start(token);
      await rejectsWith(
        complete(token, { id: "x", response: {} }),
        "InvalidParameterException",
        "The passkey credential is not valid: response.clientDataJSON is missing or malformed.",
      );
      assert.deepEqual((await list(token)).Credentials, []);
    });

    test("WebAuthnConfiguration sets the RP ID and required user verification (SetUserPoolMfaConfig)", async () => {
      const pool = await createPoolAndClient(t.idp, PASSKEY_POOL);
      await t.idp.send(
        new SetUserPoolMfaConfigCommand({
          UserPoolId: pool.poolId,
          MfaConfiguration: "OFF",
          WebAuthnConfiguration: { RelyingPartyId: "example.com", UserVerification: "required" },
        }),
      );
      const token = (await signedInUser(t, pool.poolId, pool.clientId, "carol")).AccessToken!;
      const options = await start(token);
      assert.deepEqual(options.rp, { id: "example.com", name: "test-pool" });
      assert.equal(options.authenticatorSelection.userVerification, "required");
      const app = "https://app.example.com";
      await rejectsWith(
        complete(token, new SoftwareAuthenticator({ origin: app, userVerified: false }).register(options)),
        "WebAuthnCredentialNotSupportedException",
        "The user pool requires passkeys that verify the user.",
      );
      await rejectsWith(
        complete(
          token,
          new SoftwareAuthenticator({ origin: "http://app.example.com" }).register(await start(token)),
        ),
        "WebAuthnOriginNotAllowedException",
      );
      await complete(token, new SoftwareAuthenticator({ origin: app }).register(await start(token)));
      assert.equal((await list(token)).Credentials![0]!.RelyingPartyId, "example.com");
    });

    test("a pool whose AllowedFirstAuthFactors lack WEB_AUTHN: WebAuthnNotEnabledException", async () => {
      const pool = await createPoolAndClient(t.idp);
      const token = (await signedInUser(t, pool.poolId, pool.clientId, "dave")).AccessToken!;
      const message =
        "Passkey sign-in is not enabled for this user pool: add WEB_AUTHN to AllowedFirstAuthFactors.";
      await rejectsWith(start(token), "WebAuthnNotEnabledException", message);
      await rejectsWith(complete(token, {}), "WebAuthnNotEnabledException", message);
    });

    test("a user has at most 20 passkeys: LimitExceededException", async () => {
      const { token } = await newUser();
      for (let i = 0; i < 20; i++)
        await complete(token, new SoftwareAuthenticator().register(await start(token)));
      await rejectsWith(start(token), "LimitExceededException", "A user can register at most 20 passkeys.");
      assert.equal((await list(token)).Credentials!.length, 20);
    });

    // Last: it moves the server's clock, which SigV4-signed admin calls would then fail.
    test("a registration challenge expires after 5 minutes", async () => {
      const { token } = await newUser();
      const options = await start(token);
      t.clock.advance(5 * 60_000 + 1000);
      await rejectsWith(
        complete(token, new SoftwareAuthenticator().register(options)),
        "WebAuthnChallengeNotFoundException",
      );
    });
  });
}

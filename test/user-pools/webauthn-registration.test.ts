// StartWebAuthnRegistration, CompleteWebAuthnRegistration, ListWebAuthnCredentials and
// DeleteWebAuthnCredential with a software authenticator producing real attestations.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  CompleteWebAuthnRegistrationCommand,
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

const PASSKEY_POOL = { Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "WEB_AUTHN"] } } } as const;

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
      t.publicIdp.send(new CompleteWebAuthnRegistrationCommand({ AccessToken, Credential: Credential as never }));
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
  });
}

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  DescribeIdentityCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenCommand,
  ListIdentitiesCommand,
  SetIdentityPoolRolesCommand,
  UnlinkIdentityCommand,
} from "@aws-sdk/client-cognito-identity";
import {
  AdminUserGlobalSignOutCommand,
  CreateUserPoolClientCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { fromCognitoIdentityPool } from "@aws-sdk/credential-providers";
import { decodeJwt } from "jose";
import { rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";
import {
  createIdentityPool,
  identityClients,
  role,
  signIn,
  userPool,
  verifyIdentityToken,
} from "./helpers.ts";

for (const backend of BACKENDS) {
  describe(`signed-in identities: user-pool ID tokens in Logins (${backend})`, () => {
    let t: TestServer;
    let c: ReturnType<typeof identityClients>;
    let up: Awaited<ReturnType<typeof userPool>>;
    let up2: Awaited<ReturnType<typeof userPool>>;
    let poolId: string;
    let alice: { idToken: string; accessToken: string };
    before(async () => {
      t = await startTestServer({ backend });
      c = identityClients(t);
      up = await userPool(t);
      up2 = await userPool(t);
      poolId = await createIdentityPool(c.admin, {
        CognitoIdentityProviders: [
          { ProviderName: up.provider, ClientId: up.clientId },
          { ProviderName: up2.provider, ClientId: up2.clientId },
        ],
      });
      await c.admin.send(
        new SetIdentityPoolRolesCommand({
          IdentityPoolId: poolId,
          Roles: { authenticated: role("Auth"), unauthenticated: role("Guest") },
        }),
      );
      alice = await signIn(t.idp, up.poolId, up.clientId, "alice");
    });
    after(async () => {
      c.destroy();
      await t.close();
    });

    test("fromCognitoIdentityPool with logins: the same user always gets the same identity", async () => {
      const creds = () =>
        fromCognitoIdentityPool({
          identityPoolId: poolId,
          logins: { [up.provider]: alice.idToken },
          clientConfig: { endpoint: t.url, region: c.region },
        })();
      const first = await creds();
      const second = await creds();
      assert.match(first.accessKeyId, /^ASIACOGNATEDEV/);
      assert.equal(first.identityId, second.identityId);
      const d = await c.admin.send(new DescribeIdentityCommand({ IdentityId: first.identityId }));
      assert.deepEqual(d.Logins, [up.provider]);
    });

    test("cognate's own issuer form (host/path, with or without scheme) names the same user pool and identity", async () => {
      const a = await c.anon.send(
        new GetIdCommand({ IdentityPoolId: poolId, Logins: { [up.provider]: alice.idToken } }),
      );
      const b = await c.anon.send(
        new GetIdCommand({ IdentityPoolId: poolId, Logins: { [up.issuerForm]: alice.idToken } }),
      );
      const withScheme = await c.anon.send(
        new GetIdCommand({ IdentityPoolId: poolId, Logins: { [`${t.url}/${up.poolId}`]: alice.idToken } }),
      );
      assert.equal(a.IdentityId, b.IdentityId);
      assert.equal(a.IdentityId, withScheme.IdentityId);
    });

    test("GetOpenIdToken for a signed-in identity: amr names the provider and the CognitoSignIn login", async () => {
      const { IdentityId } = await c.anon.send(
        new GetIdCommand({ IdentityPoolId: poolId, Logins: { [up.provider]: alice.idToken } }),
      );
      const r = await c.anon.send(
        new GetOpenIdTokenCommand({ IdentityId, Logins: { [up.provider]: alice.idToken } }),
      );
      const claims = await verifyIdentityToken(t.url, r.Token!, poolId);
      const sub = decodeJwt(alice.idToken).sub;
      assert.deepEqual(claims.amr, ["authenticated", up.provider, `${up.provider}:CognitoSignIn:${sub}`]);
      assert.equal(claims.sub, IdentityId);
    });

    test('an authenticated identity without logins: NotAuthorizedException "Logins don\'t match…"', async () => {
      const { IdentityId } = await c.anon.send(
        new GetIdCommand({ IdentityPoolId: poolId, Logins: { [up.provider]: alice.idToken } }),
      );
      const msg =
        "Logins don't match. Please include at least one valid login for this identity or identity pool.";
      await rejectsWith(
        c.anon.send(new GetCredentialsForIdentityCommand({ IdentityId })),
        "NotAuthorizedException",
        msg,
      );
      await rejectsWith(
        c.anon.send(new GetOpenIdTokenCommand({ IdentityId })),
        "NotAuthorizedException",
        msg,
      );
    });

    test("a guest identity that signs in later keeps its id and becomes authenticated", async () => {
      const bob = await signIn(t.idp, up.poolId, up.clientId, "bob");
      const { IdentityId: guest } = await c.anon.send(new GetIdCommand({ IdentityPoolId: poolId }));
      const r = await c.anon.send(
        new GetCredentialsForIdentityCommand({ IdentityId: guest, Logins: { [up.provider]: bob.idToken } }),
      );
      assert.equal(r.IdentityId, guest);
      const again = await c.anon.send(
        new GetIdCommand({ IdentityPoolId: poolId, Logins: { [up.provider]: bob.idToken } }),
      );
      assert.equal(again.IdentityId, guest);
      assert.deepEqual((await c.admin.send(new DescribeIdentityCommand({ IdentityId: guest }))).Logins, [
        up.provider,
      ]);
    });

    test("a guest identity shown a login that already has an identity merges into it and is disabled", async () => {
      const { IdentityId: owner } = await c.anon.send(
        new GetIdCommand({ IdentityPoolId: poolId, Logins: { [up.provider]: alice.idToken } }),
      );
      const { IdentityId: guest } = await c.anon.send(new GetIdCommand({ IdentityPoolId: poolId }));
      const r = await c.anon.send(
        new GetOpenIdTokenCommand({ IdentityId: guest, Logins: { [up.provider]: alice.idToken } }),
      );
      assert.equal(r.IdentityId, owner);
      await rejectsWith(
        c.anon.send(new GetCredentialsForIdentityCommand({ IdentityId: guest })),
        "NotAuthorizedException",
        `Access to Identity '${guest}' is forbidden.`,
      );
      const listed = await c.admin.send(
        new ListIdentitiesCommand({ IdentityPoolId: poolId, MaxResults: 60, HideDisabled: true }),
      );
      assert.ok(!listed.Identities!.some((i) => i.IdentityId === guest));
    });

    test("logins of two user pools link to one identity (linked across providers)", async () => {
      const carol1 = await signIn(t.idp, up.poolId, up.clientId, "carol");
      const carol2 = await signIn(t.idp, up2.poolId, up2.clientId, "carol");
      const { IdentityId } = await c.anon.send(
        new GetIdCommand({ IdentityPoolId: poolId, Logins: { [up.provider]: carol1.idToken } }),
      );
      const r = await c.anon.send(
        new GetOpenIdTokenCommand({
          IdentityId,
          Logins: { [up.provider]: carol1.idToken, [up2.provider]: carol2.idToken },
        }),
      );
      assert.equal(r.IdentityId, IdentityId);
      const viaSecond = await c.anon.send(
        new GetIdCommand({ IdentityPoolId: poolId, Logins: { [up2.provider]: carol2.idToken } }),
      );
      assert.equal(viaSecond.IdentityId, IdentityId);
      assert.deepEqual(
        (await c.admin.send(new DescribeIdentityCommand({ IdentityId }))).Logins?.sort(),
        [up.provider, up2.provider].sort(),
      );
    });

    test("UnlinkIdentity removes a provider; the next sign-in with it is a new identity", async () => {
      const dan1 = await signIn(t.idp, up.poolId, up.clientId, "dan");
      const dan2 = await signIn(t.idp, up2.poolId, up2.clientId, "dan");
      const { IdentityId } = await c.anon.send(
        new GetIdCommand({
          IdentityPoolId: poolId,
          Logins: { [up.provider]: dan1.idToken, [up2.provider]: dan2.idToken },
        }),
      );
      await c.anon.send(
        new UnlinkIdentityCommand({
          IdentityId,
          Logins: { [up.provider]: dan1.idToken },
          LoginsToRemove: [up2.provider],
        }),
      );
      assert.deepEqual((await c.admin.send(new DescribeIdentityCommand({ IdentityId }))).Logins, [
        up.provider,
      ]);
      const fresh = await c.anon.send(
        new GetIdCommand({ IdentityPoolId: poolId, Logins: { [up2.provider]: dan2.idToken } }),
      );
      assert.notEqual(fresh.IdentityId, IdentityId);
    });

    test("UnlinkIdentity with someone else's login: NotAuthorizedException \"Logins don't match…\"", async () => {
      const { IdentityId } = await c.anon.send(
        new GetIdCommand({ IdentityPoolId: poolId, Logins: { [up.provider]: alice.idToken } }),
      );
      const eve = await signIn(t.idp, up.poolId, up.clientId, "eve");
      await rejectsWith(
        c.anon.send(
          new UnlinkIdentityCommand({
            IdentityId,
            Logins: { [up.provider]: eve.idToken },
            LoginsToRemove: [up.provider],
          }),
        ),
        "NotAuthorizedException",
        "Logins don't match. Please include at least one valid login for this identity or identity pool.",
      );
    });

    test('an access token instead of the ID token: "Invalid login token. Missing a required claim: aud"', async () => {
      await rejectsWith(
        c.anon.send(
          new GetIdCommand({ IdentityPoolId: poolId, Logins: { [up.provider]: alice.accessToken } }),
        ),
        "NotAuthorizedException",
        "Invalid login token. Missing a required claim: aud",
      );
    });

    test('a token whose signature does not verify: "Invalid login token. Couldn\'t verify signed token."', async () => {
      const [h, p, s] = alice.idToken.split(".");
      const forged = `${h}.${Buffer.from(JSON.stringify({ ...decodeJwt(alice.idToken), sub: "someone-else" })).toString("base64url")}.${s}`;
      assert.notEqual(forged, `${h}.${p}.${s}`);
      await rejectsWith(
        c.anon.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [up.provider]: forged } })),
        "NotAuthorizedException",
        "Invalid login token. Couldn't verify signed token.",
      );
      await rejectsWith(
        c.anon.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [up.provider]: "garbage" } })),
        "NotAuthorizedException",
        /^Invalid login token\./,
      );
    });

    test("a token from another user pool under this provider's name: \"Invalid login token. Issuer doesn't match providerName\"", async () => {
      const other = await signIn(t.idp, up2.poolId, up2.clientId, "mallory");
      await rejectsWith(
        c.anon.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [up.provider]: other.idToken } })),
        "NotAuthorizedException",
        "Invalid login token. Issuer doesn't match providerName",
      );
    });

    test('an ID token of an app client the identity pool does not list: "Token is not from a supported provider of this identity pool."', async () => {
      const { UserPoolClient } = await t.idp.send(
        new CreateUserPoolClientCommand({
          UserPoolId: up.poolId,
          ClientName: "other",
          ExplicitAuthFlows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        }),
      );
      const { idToken } = await signIn(t.idp, up.poolId, UserPoolClient!.ClientId!, "frank");
      await rejectsWith(
        c.anon.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [up.provider]: idToken } })),
        "NotAuthorizedException",
        "Token is not from a supported provider of this identity pool.",
      );
    });

    test('a user pool the identity pool does not list: "Token is not from a supported provider of this identity pool."', async () => {
      const unlisted = await userPool(t);
      const { idToken } = await signIn(t.idp, unlisted.poolId, unlisted.clientId, "gina");
      await rejectsWith(
        c.anon.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [unlisted.provider]: idToken } })),
        "NotAuthorizedException",
        "Token is not from a supported provider of this identity pool.",
      );
    });

    test("ServerSideTokenCheck: after a global sign-out the ID token is refused", async () => {
      const checked = await createIdentityPool(c.admin, {
        CognitoIdentityProviders: [
          { ProviderName: up.provider, ClientId: up.clientId, ServerSideTokenCheck: true },
        ],
      });
      const hank = await signIn(t.idp, up.poolId, up.clientId, "hank");
      await c.anon.send(
        new GetIdCommand({ IdentityPoolId: checked, Logins: { [up.provider]: hank.idToken } }),
      );
      await t.idp.send(new AdminUserGlobalSignOutCommand({ UserPoolId: up.poolId, Username: "hank" }));
      await rejectsWith(
        c.anon.send(new GetIdCommand({ IdentityPoolId: checked, Logins: { [up.provider]: hank.idToken } })),
        "NotAuthorizedException",
        "Invalid login token. Token has been revoked.",
      );
    });

    test("a second user of the same user pool cannot join an identity: ResourceConflictException", async () => {
      const lee = await signIn(t.idp, up.poolId, up.clientId, "lee");
      const max = await signIn(t.idp, up.poolId, up.clientId, "max");
      const { IdentityId } = await c.anon.send(
        new GetIdCommand({ IdentityPoolId: poolId, Logins: { [up.provider]: lee.idToken } }),
      );
      // Both key forms name the same provider, so this presents two users of it at once.
      await rejectsWith(
        c.anon.send(
          new GetOpenIdTokenCommand({
            IdentityId,
            Logins: { [up.provider]: lee.idToken, [up.issuerForm]: max.idToken },
          }),
        ),
        "ResourceConflictException",
      );
      const fresh = await c.anon.send(
        new GetIdCommand({ IdentityPoolId: poolId, Logins: { [up.provider]: max.idToken } }),
      );
      assert.notEqual(fresh.IdentityId, IdentityId, "nothing was linked");
    });

    test("concurrent first sign-ins of one user end in one identity", async () => {
      const kim = await signIn(t.idp, up.poolId, up.clientId, "kim");
      const ids = await Promise.all(
        Array.from({ length: 6 }, () =>
          c.anon.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [up.provider]: kim.idToken } })),
        ),
      );
      assert.equal(new Set(ids.map((r) => r.IdentityId)).size, 1);
    });

    // Last: it moves the clock past the ID token's expiry (SigV4 calls would fail the skew check after this).
    test('an expired ID token: "Invalid login token. Token expired: <now> >= <exp>"', async () => {
      const exp = decodeJwt(alice.idToken).exp!;
      t.clock.advance(2 * 3600_000);
      const now = Math.floor(t.clock.nowMs() / 1000);
      await rejectsWith(
        c.anon.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [up.provider]: alice.idToken } })),
        "NotAuthorizedException",
        `Invalid login token. Token expired: ${now} >= ${exp}`,
      );
    });
  });
}

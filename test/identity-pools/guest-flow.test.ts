import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenCommand,
  SetIdentityPoolRolesCommand,
} from "@aws-sdk/client-cognito-identity";
import { fromCognitoIdentityPool } from "@aws-sdk/credential-providers";
import { rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, rawCall, startTestServer, type TestServer } from "../support/server.ts";
import { createIdentityPool, identityClients, role, verifyIdentityToken } from "./helpers.ts";

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

for (const backend of BACKENDS) {
  describe(`guest identities: GetId, GetOpenIdToken, GetCredentialsForIdentity (${backend})`, () => {
    let t: TestServer;
    let c: ReturnType<typeof identityClients>;
    let poolId: string;
    before(async () => {
      t = await startTestServer({ backend });
      c = identityClients(t);
      poolId = await createIdentityPool(c.admin);
      await c.admin.send(
        new SetIdentityPoolRolesCommand({
          IdentityPoolId: poolId,
          Roles: { authenticated: role("Auth"), unauthenticated: role("Guest") },
        }),
      );
    });
    after(async () => {
      c.destroy();
      await t.close();
    });

    test("fromCognitoIdentityPool runs GetId → GetCredentialsForIdentity against cognate and gets development credentials", async () => {
      const provider = fromCognitoIdentityPool({
        identityPoolId: poolId,
        clientConfig: { endpoint: t.url, region: c.region },
      });
      const creds = await provider();
      assert.match(creds.accessKeyId, /^ASIACOGNATEDEV[A-Z0-9]{6}$/);
      assert.equal(creds.secretAccessKey.length, 40);
      assert.ok(creds.sessionToken);
      const ttl = creds.expiration!.getTime() - t.clock.nowMs();
      assert.ok(ttl > 3590_000 && ttl <= 3600_000, `expires in an hour, got ${ttl}`);
      assert.match(creds.identityId, new RegExp(`^${c.region}:${UUID}$`));
    });

    test("GetId without logins makes a new guest identity <region>:<uuid> each time", async () => {
      const a = await c.anon.send(new GetIdCommand({ IdentityPoolId: poolId }));
      const b = await c.anon.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: {} }));
      assert.match(a.IdentityId!, new RegExp(`^${c.region}:${UUID}$`));
      assert.notEqual(a.IdentityId, b.IdentityId);
    });

    test("GetId needs no SigV4 signature (a public API)", async () => {
      const r = await rawCall(t.url, "AWSCognitoIdentityService.GetId", { IdentityPoolId: poolId });
      assert.equal(r.status, 200);
      assert.ok(r.json.IdentityId);
    });

    test("GetOpenIdToken: a 10-minute token for the guest, verifiable with the published JWKS", async () => {
      const { IdentityId } = await c.anon.send(new GetIdCommand({ IdentityPoolId: poolId }));
      const r = await c.anon.send(new GetOpenIdTokenCommand({ IdentityId }));
      assert.equal(r.IdentityId, IdentityId);
      const claims = await verifyIdentityToken(t.url, r.Token!, poolId);
      assert.equal(claims.sub, IdentityId);
      assert.equal(claims.aud, poolId);
      assert.deepEqual(claims.amr, ["unauthenticated"]);
      assert.equal(claims.exp! - claims.iat!, 600);
    });

    test("openid-configuration names the identity issuer and its JWKS", async () => {
      const res = await fetch(`${t.url}/identity/.well-known/openid-configuration`);
      assert.equal(res.status, 200);
      const doc = (await res.json()) as { issuer: string; jwks_uri: string };
      assert.equal(doc.issuer, `${t.url}/identity`);
      assert.equal(doc.jwks_uri, `${t.url}/identity/.well-known/jwks.json`);
      const jwks = (await (await fetch(doc.jwks_uri)).json()) as {
        keys: { kty: string; alg: string; kid: string; d?: string }[];
      };
      assert.equal(jwks.keys.length, 1);
      assert.equal(jwks.keys[0]!.alg, "RS256");
      assert.equal(jwks.keys[0]!.d, undefined, "no private key material");
    });

    test("GetCredentialsForIdentity for an unknown identity: ResourceNotFoundException", async () => {
      const id = `${c.region}:00000000-0000-4000-8000-000000000000`;
      await rejectsWith(
        c.anon.send(new GetCredentialsForIdentityCommand({ IdentityId: id })),
        "ResourceNotFoundException",
        `Identity '${id}' not found.`,
      );
      await rejectsWith(
        c.anon.send(new GetOpenIdTokenCommand({ IdentityId: id })),
        "ResourceNotFoundException",
        `Identity '${id}' not found.`,
      );
    });

    test("GetId for an unknown pool: ResourceNotFoundException \"IdentityPool '…' not found.\"", async () => {
      const id = `${c.region}:00000000-0000-4000-8000-000000000000`;
      await rejectsWith(
        c.anon.send(new GetIdCommand({ IdentityPoolId: id })),
        "ResourceNotFoundException",
        `IdentityPool '${id}' not found.`,
      );
    });

    test("GetId with a malformed pool id: InvalidParameterException from the model", async () => {
      await rejectsWith(
        c.anon.send(new GetIdCommand({ IdentityPoolId: "not-a-pool" })),
        "InvalidParameterException",
        /identityPoolId/,
      );
    });

    test("a pool without AllowUnauthenticatedIdentities refuses guests (GetId and GetCredentialsForIdentity)", async () => {
      const strict = await createIdentityPool(c.admin, { AllowUnauthenticatedIdentities: false });
      await rejectsWith(
        c.anon.send(new GetIdCommand({ IdentityPoolId: strict })),
        "NotAuthorizedException",
        "Unauthenticated access is not supported for this identity pool.",
      );
      const provider = fromCognitoIdentityPool({
        identityPoolId: strict,
        clientConfig: { endpoint: t.url, region: c.region },
      });
      await rejectsWith(
        provider(),
        "NotAuthorizedException",
        "Unauthenticated access is not supported for this identity pool.",
      );
    });

    test("a pool without an unauthenticated role: InvalidIdentityPoolConfigurationException", async () => {
      const bare = await createIdentityPool(c.admin);
      const { IdentityId } = await c.anon.send(new GetIdCommand({ IdentityPoolId: bare }));
      await rejectsWith(
        c.anon.send(new GetCredentialsForIdentityCommand({ IdentityId })),
        "InvalidIdentityPoolConfigurationException",
        "Invalid identity pool configuration. Check assigned IAM roles for this pool.",
      );
    });

    test("a guest identity asked for with a token from an unknown provider: NotAuthorizedException", async () => {
      const { IdentityId } = await c.anon.send(new GetIdCommand({ IdentityPoolId: poolId }));
      await rejectsWith(
        c.anon.send(
          new GetCredentialsForIdentityCommand({ IdentityId, Logins: { "accounts.google.com": "x.y.z" } }),
        ),
        "NotAuthorizedException",
        "Token is not from a supported provider of this identity pool.",
      );
    });
  });
}

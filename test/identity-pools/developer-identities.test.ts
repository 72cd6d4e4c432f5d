import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  DescribeIdentityCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenForDeveloperIdentityCommand,
  LookupDeveloperIdentityCommand,
  MergeDeveloperIdentitiesCommand,
  SetIdentityPoolRolesCommand,
  UnlinkDeveloperIdentityCommand,
} from "@aws-sdk/client-cognito-identity";
import { fromCognitoIdentity } from "@aws-sdk/credential-providers";
import { rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, rawCall, startTestServer, type TestServer } from "../support/server.ts";
import { createIdentityPool, identityClients, role, verifyIdentityToken } from "./helpers.ts";

const DEV = "login.example.app";

for (const backend of BACKENDS) {
  describe(`developer-authenticated identities (${backend})`, () => {
    let t: TestServer;
    let c: ReturnType<typeof identityClients>;
    let poolId: string;
    const devToken = (
      user: string,
      extra: { IdentityId?: string; TokenDuration?: number; PrincipalTags?: Record<string, string> } = {},
    ) =>
      c.admin.send(
        new GetOpenIdTokenForDeveloperIdentityCommand({
          IdentityPoolId: poolId,
          Logins: { [DEV]: user },
          ...extra,
        }),
      );
    before(async () => {
      t = await startTestServer({ backend });
      c = identityClients(t);
      poolId = await createIdentityPool(c.admin, {
        DeveloperProviderName: DEV,
        AllowUnauthenticatedIdentities: false,
      });
      await c.admin.send(
        new SetIdentityPoolRolesCommand({ IdentityPoolId: poolId, Roles: { authenticated: role("Auth") } }),
      );
    });
    after(async () => {
      c.destroy();
      await t.close();
    });

    test("GetOpenIdTokenForDeveloperIdentity: a new identity and a 15-minute token; the same user gets the same identity", async () => {
      const first = await devToken("user-1");
      const again = await devToken("user-1");
      assert.equal(first.IdentityId, again.IdentityId);
      const claims = await verifyIdentityToken(t.url, first.Token!, poolId);
      assert.equal(claims.sub, first.IdentityId);
      assert.deepEqual(claims.amr, ["authenticated", DEV, `${DEV}:${poolId}:user-1`]);
      assert.equal(claims.exp! - claims.iat!, 900);
    });

    test("TokenDuration and PrincipalTags shape the token", async () => {
      const r = await devToken("user-tags", { TokenDuration: 3600, PrincipalTags: { team: "blue" } });
      const claims = await verifyIdentityToken(t.url, r.Token!, poolId);
      assert.equal(claims.exp! - claims.iat!, 3600);
      assert.deepEqual(claims["https://aws.amazon.com/tags"], { principal_tags: { team: ["blue"] } });
    });

    test("the enhanced developer flow: fromCognitoIdentity with the token under cognito-identity.amazonaws.com gets credentials", async () => {
      const { IdentityId, Token } = await devToken("user-2");
      const creds = await fromCognitoIdentity({
        identityId: IdentityId!,
        logins: { "cognito-identity.amazonaws.com": Token! },
        clientConfig: { endpoint: t.url, region: c.region },
      })();
      assert.match(creds.accessKeyId, /^ASIACOGNATEDEV/);
      assert.equal(creds.identityId, IdentityId);
    });

    test("a developer token for another identity, or without logins: refused", async () => {
      const a = await devToken("user-3");
      const b = await devToken("user-4");
      await rejectsWith(
        c.anon.send(
          new GetCredentialsForIdentityCommand({
            IdentityId: b.IdentityId,
            Logins: { "cognito-identity.amazonaws.com": a.Token! },
          }),
        ),
        "NotAuthorizedException",
        "Logins don't match. Please include at least one valid login for this identity or identity pool.",
      );
      await rejectsWith(
        c.anon.send(new GetCredentialsForIdentityCommand({ IdentityId: a.IdentityId })),
        "NotAuthorizedException",
        "Logins don't match. Please include at least one valid login for this identity or identity pool.",
      );
      await rejectsWith(
        c.anon.send(
          new GetCredentialsForIdentityCommand({
            IdentityId: a.IdentityId,
            Logins: { "cognito-identity.amazonaws.com": "not-a-jwt" },
          }),
        ),
        "NotAuthorizedException",
        "Invalid login token. Couldn't verify signed token.",
      );
    });

    test("the developer provider cannot be used from the public GetId (no SigV4 to vouch for it)", async () => {
      await rejectsWith(
        c.anon.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [DEV]: "user-1" } })),
        "NotAuthorizedException",
        "Token is not from a supported provider of this identity pool.",
      );
      await rejectsWith(
        c.anon.send(
          new GetIdCommand({ IdentityPoolId: poolId, Logins: { "cognito-identity.amazonaws.com": "x" } }),
        ),
        "NotAuthorizedException",
        "Invalid login token. Can't pass in a Cognito token.",
      );
    });

    test("GetOpenIdTokenForDeveloperIdentity with IdentityId links a second identifier; one linked elsewhere is DeveloperUserAlreadyRegisteredException", async () => {
      const a = await devToken("user-5");
      const linked = await devToken("user-5b", { IdentityId: a.IdentityId! });
      assert.equal(linked.IdentityId, a.IdentityId);
      const other = await devToken("user-6");
      await rejectsWith(
        devToken("user-6", { IdentityId: a.IdentityId! }),
        "DeveloperUserAlreadyRegisteredException",
        "The provided developer user identifier is already registered with Cognito under a different identity ID.",
      );
      assert.notEqual(other.IdentityId, a.IdentityId);
    });

    test("GetOpenIdTokenForDeveloperIdentity needs IAM credentials, a known pool and the pool's developer provider", async () => {
      const r = await rawCall(t.url, "AWSCognitoIdentityService.GetOpenIdTokenForDeveloperIdentity", {
        IdentityPoolId: poolId,
        Logins: { [DEV]: "x" },
      });
      assert.equal(r.json.__type, "MissingAuthenticationTokenException");
      const missing = `${c.region}:00000000-0000-4000-8000-000000000000`;
      await rejectsWith(
        c.admin.send(
          new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId: missing, Logins: { [DEV]: "x" } }),
        ),
        "ResourceNotFoundException",
        `IdentityPool '${missing}' not found.`,
      );
      await rejectsWith(
        devTokenFor(c, poolId, "other.provider", "x"),
        "NotAuthorizedException",
        "Token is not from a supported provider of this identity pool.",
      );
    });

    test("LookupDeveloperIdentity by identifier and by identity id; a mismatch is ResourceConflictException", async () => {
      const a = await devToken("user-7");
      await devToken("user-7b", { IdentityId: a.IdentityId! });
      const byUser = await c.admin.send(
        new LookupDeveloperIdentityCommand({ IdentityPoolId: poolId, DeveloperUserIdentifier: "user-7" }),
      );
      assert.equal(byUser.IdentityId, a.IdentityId);
      assert.deepEqual(byUser.DeveloperUserIdentifierList, ["user-7", "user-7b"]);
      const paged = await c.admin.send(
        new LookupDeveloperIdentityCommand({
          IdentityPoolId: poolId,
          IdentityId: a.IdentityId,
          MaxResults: 1,
        }),
      );
      assert.deepEqual(paged.DeveloperUserIdentifierList, ["user-7"]);
      const rest = await c.admin.send(
        new LookupDeveloperIdentityCommand({
          IdentityPoolId: poolId,
          IdentityId: a.IdentityId,
          MaxResults: 1,
          NextToken: paged.NextToken,
        }),
      );
      assert.deepEqual(rest.DeveloperUserIdentifierList, ["user-7b"]);
      assert.equal(rest.NextToken, undefined);
      const b = await devToken("user-8");
      await rejectsWith(
        c.admin.send(
          new LookupDeveloperIdentityCommand({
            IdentityPoolId: poolId,
            IdentityId: b.IdentityId,
            DeveloperUserIdentifier: "user-7",
          }),
        ),
        "ResourceConflictException",
      );
      await rejectsWith(
        c.admin.send(
          new LookupDeveloperIdentityCommand({ IdentityPoolId: poolId, DeveloperUserIdentifier: "nobody" }),
        ),
        "ResourceNotFoundException",
      );
    });

    test("MergeDeveloperIdentities: the source joins the destination's identity; the source identity is disabled", async () => {
      const src = await devToken("user-9");
      const dst = await devToken("user-10");
      const r = await c.admin.send(
        new MergeDeveloperIdentitiesCommand({
          IdentityPoolId: poolId,
          DeveloperProviderName: DEV,
          SourceUserIdentifier: "user-9",
          DestinationUserIdentifier: "user-10",
        }),
      );
      assert.equal(r.IdentityId, dst.IdentityId);
      assert.equal((await devToken("user-9")).IdentityId, dst.IdentityId);
      const { IdentityId, Token } = await devToken("user-9");
      await rejectsWith(
        c.anon.send(
          new GetCredentialsForIdentityCommand({
            IdentityId: src.IdentityId,
            Logins: { "cognito-identity.amazonaws.com": Token! },
          }),
        ),
        "NotAuthorizedException",
        `Access to Identity '${src.IdentityId}' is forbidden.`,
      );
      assert.equal(IdentityId, dst.IdentityId);
    });

    test("MergeDeveloperIdentities with an unknown identifier or another provider: ResourceNotFoundException", async () => {
      await devToken("user-11");
      await rejectsWith(
        c.admin.send(
          new MergeDeveloperIdentitiesCommand({
            IdentityPoolId: poolId,
            DeveloperProviderName: DEV,
            SourceUserIdentifier: "ghost",
            DestinationUserIdentifier: "user-11",
          }),
        ),
        "ResourceNotFoundException",
      );
      await rejectsWith(
        c.admin.send(
          new MergeDeveloperIdentitiesCommand({
            IdentityPoolId: poolId,
            DeveloperProviderName: "other",
            SourceUserIdentifier: "user-11",
            DestinationUserIdentifier: "user-11",
          }),
        ),
        "ResourceNotFoundException",
      );
    });

    test("UnlinkDeveloperIdentity: the identifier is seen as a new identity next time", async () => {
      const a = await devToken("user-12");
      await c.admin.send(
        new UnlinkDeveloperIdentityCommand({
          IdentityPoolId: poolId,
          IdentityId: a.IdentityId,
          DeveloperProviderName: DEV,
          DeveloperUserIdentifier: "user-12",
        }),
      );
      const d = await c.admin.send(new DescribeIdentityCommand({ IdentityId: a.IdentityId }));
      assert.equal(d.Logins, undefined);
      assert.notEqual((await devToken("user-12")).IdentityId, a.IdentityId);
    });

    test("UnlinkDeveloperIdentity of an identifier not linked to that identity: ResourceConflictException", async () => {
      const a = await devToken("user-13");
      const b = await devToken("user-14");
      await rejectsWith(
        c.admin.send(
          new UnlinkDeveloperIdentityCommand({
            IdentityPoolId: poolId,
            IdentityId: b.IdentityId,
            DeveloperProviderName: DEV,
            DeveloperUserIdentifier: "user-13",
          }),
        ),
        "ResourceConflictException",
      );
      assert.ok(a.IdentityId);
    });
  });
}

function devTokenFor(c: ReturnType<typeof identityClients>, poolId: string, provider: string, user: string) {
  return c.admin.send(
    new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId: poolId, Logins: { [provider]: user } }),
  );
}

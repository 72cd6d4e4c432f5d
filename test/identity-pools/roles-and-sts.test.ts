import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetIdentityPoolRolesCommand,
  type RoleMapping,
  SetIdentityPoolRolesCommand,
} from "@aws-sdk/client-cognito-identity";
import { fromCognitoIdentityPool } from "@aws-sdk/credential-providers";
import { rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, rawCall, startTestServer, type TestServer } from "../support/server.ts";
import { createIdentityPool, fakeSts, identityClients, role, signIn, userPool } from "./helpers.ts";

for (const backend of BACKENDS) {
  describe(`SetIdentityPoolRoles, GetIdentityPoolRoles and role resolution through STS (${backend})`, () => {
    let t: TestServer;
    let c: ReturnType<typeof identityClients>;
    let sts: Awaited<ReturnType<typeof fakeSts>>;
    let up: Awaited<ReturnType<typeof userPool>>;
    let poolId: string;
    let admin: { idToken: string };
    let reader: { idToken: string };
    let plain: { idToken: string };
    const mappingKey = () => `${up.provider}:${up.clientId}`;
    const setMapping = (mapping?: RoleMapping) =>
      c.admin.send(
        new SetIdentityPoolRolesCommand({
          IdentityPoolId: poolId,
          Roles: { authenticated: role("Auth"), unauthenticated: role("Guest") },
          ...(mapping ? { RoleMappings: { [mappingKey()]: mapping } } : {}),
        }),
      );
    const roleOf = async (idToken: string, customRoleArn?: string) => {
      const { IdentityId } = await c.anon.send(
        new GetIdCommand({ IdentityPoolId: poolId, Logins: { [up.provider]: idToken } }),
      );
      const r = await c.anon.send(
        new GetCredentialsForIdentityCommand({
          IdentityId,
          Logins: { [up.provider]: idToken },
          ...(customRoleArn ? { CustomRoleArn: customRoleArn } : {}),
        }),
      );
      return r.Credentials!.AccessKeyId!.replace(/^ASIA-/, "");
    };

    before(async () => {
      sts = await fakeSts(() => t.url);
      t = await startTestServer({ backend, config: { stsEndpoint: sts.url } });
      c = identityClients(t);
      up = await userPool(t);
      poolId = await createIdentityPool(c.admin, {
        CognitoIdentityProviders: [{ ProviderName: up.provider, ClientId: up.clientId }],
      });
      admin = await signIn(t.idp, up.poolId, up.clientId, "ada", {
        groups: [
          { name: "admins", roleArn: role("Admin"), precedence: 1 },
          { name: "readers", roleArn: role("Reader"), precedence: 5 },
        ],
      });
      reader = await signIn(t.idp, up.poolId, up.clientId, "rey", { groups: [{ name: "viewers" }] });
      plain = await signIn(t.idp, up.poolId, up.clientId, "pat");
    });
    after(async () => {
      c.destroy();
      await t.close();
      await sts.close();
    });

    test("GetIdentityPoolRoles returns what SetIdentityPoolRoles stored", async () => {
      const mapping: RoleMapping = { Type: "Token", AmbiguousRoleResolution: "AuthenticatedRole" };
      await setMapping(mapping);
      const r = await c.admin.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: poolId }));
      assert.equal(r.IdentityPoolId, poolId);
      assert.deepEqual(r.Roles, { authenticated: role("Auth"), unauthenticated: role("Guest") });
      assert.deepEqual(r.RoleMappings, { [mappingKey()]: mapping });
    });

    test("guests get the unauthenticated role from STS; STS received a token it verified against cognate's JWKS", async () => {
      await setMapping();
      const before = sts.calls.length;
      const creds = await fromCognitoIdentityPool({
        identityPoolId: poolId,
        clientConfig: { endpoint: t.url, region: c.region },
      })();
      assert.equal(creds.accessKeyId, "ASIA-Guest");
      assert.equal(creds.secretAccessKey, "secret-Guest");
      assert.equal(creds.sessionToken, "session&token-Guest", "XML entities are decoded");
      assert.equal(creds.expiration?.toISOString(), "2031-01-01T00:00:00.000Z");
      const call = sts.calls[before]!;
      assert.equal(call.roleArn, role("Guest"));
      assert.equal(call.sessionName, "CognitoIdentityCredentials");
      assert.equal(call.claims?.aud, poolId);
      assert.equal(call.claims?.sub, creds.identityId);
      assert.deepEqual(call.claims?.amr, ["unauthenticated"]);
    });

    test("signed-in users without a role mapping get the authenticated role", async () => {
      await setMapping();
      assert.equal(await roleOf(plain.idToken), "Auth");
      assert.deepEqual((sts.calls.at(-1)?.claims?.amr as string[] | undefined)?.slice(0, 2), [
        "authenticated",
        up.provider,
      ]);
    });

    test("Token mapping: cognito:preferred_role wins; CustomRoleArn picks another of cognito:roles", async () => {
      await setMapping({ Type: "Token", AmbiguousRoleResolution: "Deny" });
      assert.equal(await roleOf(admin.idToken), "Admin");
      assert.equal(await roleOf(admin.idToken, role("Reader")), "Reader");
    });

    test("Token mapping: a CustomRoleArn outside cognito:roles is denied", async () => {
      await setMapping({ Type: "Token", AmbiguousRoleResolution: "AuthenticatedRole" });
      await rejectsWith(
        roleOf(admin.idToken, role("Elsewhere")),
        "NotAuthorizedException",
        `The ambiguous role mapping rules for: ${up.provider} denied this request.`,
      );
    });

    test("Token mapping without roles in the token: AmbiguousRoleResolution decides (AuthenticatedRole, then Deny)", async () => {
      await setMapping({ Type: "Token", AmbiguousRoleResolution: "AuthenticatedRole" });
      assert.equal(await roleOf(reader.idToken), "Auth");
      await setMapping({ Type: "Token", AmbiguousRoleResolution: "Deny" });
      // Cognito's wording (aws-amplify/amplify-js#3621).
      await rejectsWith(
        roleOf(reader.idToken),
        "NotAuthorizedException",
        `The ambiguous role mapping rules for: ${up.provider} denied this request.`,
      );
    });

    test("Rules mapping: the first matching rule's role (Contains, Equals, StartsWith, NotEqual)", async () => {
      const rules = (r: RoleMapping["RulesConfiguration"]) =>
        setMapping({ Type: "Rules", AmbiguousRoleResolution: "Deny", RulesConfiguration: r });
      await rules({
        Rules: [
          { Claim: "cognito:groups", MatchType: "Contains", Value: "viewers", RoleARN: role("ViewersRule") },
        ],
      });
      assert.equal(await roleOf(reader.idToken), "ViewersRule");
      await rules({
        Rules: [{ Claim: "cognito:username", MatchType: "Equals", Value: "pat", RoleARN: role("PatRule") }],
      });
      assert.equal(await roleOf(plain.idToken), "PatRule");
      await rules({
        Rules: [
          { Claim: "cognito:username", MatchType: "StartsWith", Value: "zz", RoleARN: role("Never") },
          { Claim: "cognito:username", MatchType: "NotEqual", Value: "pat", RoleARN: role("NotPat") },
        ],
      });
      assert.equal(await roleOf(reader.idToken), "NotPat");
      await rejectsWith(
        roleOf(plain.idToken),
        "NotAuthorizedException",
        `The ambiguous role mapping rules for: ${up.provider} denied this request.`,
      );
    });

    test("Rules mapping: no rule matches and AmbiguousRoleResolution AuthenticatedRole → the authenticated role", async () => {
      await setMapping({
        Type: "Rules",
        AmbiguousRoleResolution: "AuthenticatedRole",
        RulesConfiguration: {
          Rules: [{ Claim: "cognito:groups", MatchType: "Equals", Value: "nobody", RoleARN: role("Nobody") }],
        },
      });
      assert.equal(await roleOf(plain.idToken), "Auth");
    });

    test("STS refuses the role (AccessDenied): InvalidIdentityPoolConfigurationException", async () => {
      await setMapping();
      sts.state.refuse = true;
      try {
        await rejectsWith(
          roleOf(plain.idToken),
          "InvalidIdentityPoolConfigurationException",
          "Invalid identity pool configuration. Check assigned IAM roles for this pool.",
        );
      } finally {
        sts.state.refuse = false;
      }
    });

    test("SetIdentityPoolRoles: a RoleMappings key that is no configured provider is refused", async () => {
      await rejectsWith(
        c.admin.send(
          new SetIdentityPoolRolesCommand({
            IdentityPoolId: poolId,
            Roles: {},
            RoleMappings: { "graph.facebook.com": { Type: "Token", AmbiguousRoleResolution: "Deny" } },
          }),
        ),
        "InvalidParameterException",
        "graph.facebook.com is not a valid RoleMapping ProviderName or is not a configured provider.",
      );
    });

    test("SetIdentityPoolRoles: a role type other than authenticated/unauthenticated fails the model's pattern", async () => {
      await rejectsWith(
        c.admin.send(
          new SetIdentityPoolRolesCommand({ IdentityPoolId: poolId, Roles: { admin: role("Admin") } }),
        ),
        "InvalidParameterException",
        /failed to satisfy constraint/,
      );
    });

    test("SetIdentityPoolRoles / GetIdentityPoolRoles on an unknown pool: ResourceNotFoundException", async () => {
      const id = `${c.region}:00000000-0000-4000-8000-000000000000`;
      await rejectsWith(
        c.admin.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: id, Roles: {} })),
        "ResourceNotFoundException",
        `IdentityPool '${id}' not found.`,
      );
      await rejectsWith(
        c.admin.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: id })),
        "ResourceNotFoundException",
        `IdentityPool '${id}' not found.`,
      );
    });

    test("SetIdentityPoolRoles needs IAM credentials", async () => {
      const r = await rawCall(t.url, "AWSCognitoIdentityService.SetIdentityPoolRoles", {
        IdentityPoolId: poolId,
        Roles: {},
      });
      assert.equal(r.status, 403);
      assert.equal(r.json.__type, "MissingAuthenticationTokenException");
    });
  });
}

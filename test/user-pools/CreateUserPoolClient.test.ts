import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";

for (const backend of BACKENDS) {
  describe(backend, () => {
    let t: TestServer;
    let poolId: string;
    before(async () => {
      t = await startTestServer({ backend });
      const { UserPool } = await t.idp.send(new CreateUserPoolCommand({ PoolName: "clients" }));
      poolId = UserPool!.Id!;
    });
    after(() => t.close());

    const create = (extra: Record<string, unknown> = {}) =>
      t.idp.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "web", ...extra }));

    test("a client gets a 26-character id, no secret and Cognito's defaults", async () => {
      const { UserPoolClient: c } = await create();
      assert.ok(c);
      assert.match(c.ClientId!, /^[a-z0-9]{26}$/);
      assert.equal(c.ClientSecret, undefined);
      assert.equal(c.UserPoolId, poolId);
      assert.equal(c.ClientName, "web");
      // API reference, CreateUserPoolClient ExplicitAuthFlows: "If you don't specify a value for
      // ExplicitAuthFlows, your app client supports ALLOW_REFRESH_TOKEN_AUTH, ALLOW_USER_SRP_AUTH, and ALLOW_CUSTOM_AUTH."
      assert.deepEqual([...(c.ExplicitAuthFlows ?? [])].sort(), [
        "ALLOW_CUSTOM_AUTH",
        "ALLOW_REFRESH_TOKEN_AUTH",
        "ALLOW_USER_SRP_AUTH",
      ]);
      // Defaults: refresh 30 days, access and ID tokens 60 minutes.
      assert.equal(c.RefreshTokenValidity, 30);
      assert.equal(c.AccessTokenValidity, 60);
      assert.equal(c.IdTokenValidity, 60);
      assert.deepEqual(c.TokenValidityUnits, {
        AccessToken: "minutes",
        IdToken: "minutes",
        RefreshToken: "days",
      });
      assert.equal(c.PreventUserExistenceErrors, "LEGACY");
      assert.equal(c.EnableTokenRevocation, true);
      assert.equal(c.AllowedOAuthFlowsUserPoolClient, false);
      assert.equal(c.AuthSessionValidity, 3);
      assert.ok(c.CreationDate instanceof Date);
    });

    test("GenerateSecret gives a client secret; two clients get different ids", async () => {
      const a = await create({ GenerateSecret: true });
      const b = await create({ GenerateSecret: false });
      assert.match(a.UserPoolClient?.ClientSecret ?? "", /^[a-z0-9]{51}$/);
      assert.equal(b.UserPoolClient?.ClientSecret, undefined);
      assert.notEqual(a.UserPoolClient?.ClientId, b.UserPoolClient?.ClientId);
    });

    // API reference, TokenValidityUnitsType: the default unit for AccessToken and IdToken is hours,
    // for RefreshToken days, when the validity itself is given.
    test("a validity given without units is read in hours (access, ID) and days (refresh)", async () => {
      const { UserPoolClient: c } = await create({
        AccessTokenValidity: 2,
        IdTokenValidity: 3,
        RefreshTokenValidity: 10,
      });
      assert.equal(c?.AccessTokenValidity, 2);
      assert.equal(c?.IdTokenValidity, 3);
      assert.equal(c?.RefreshTokenValidity, 10);
      assert.deepEqual(c?.TokenValidityUnits, {
        AccessToken: "hours",
        IdToken: "hours",
        RefreshToken: "days",
      });
    });

    test("explicit units are kept", async () => {
      const { UserPoolClient: c } = await create({
        AccessTokenValidity: 300,
        IdTokenValidity: 15,
        RefreshTokenValidity: 120,
        TokenValidityUnits: { AccessToken: "seconds", IdToken: "minutes", RefreshToken: "minutes" },
      });
      assert.deepEqual(c?.TokenValidityUnits, {
        AccessToken: "seconds",
        IdToken: "minutes",
        RefreshToken: "minutes",
      });
      assert.equal(c?.AccessTokenValidity, 300);
    });

    // Access and ID tokens: 5 minutes to 1 day; refresh tokens: 60 minutes to 10 years
    // (API reference, CreateUserPoolClient). Cognito answers "Invalid range for token validity."
    for (const [label, extra] of [
      ["access token over one day", { AccessTokenValidity: 2, TokenValidityUnits: { AccessToken: "days" } }],
      [
        "access token under five minutes",
        { AccessTokenValidity: 299, TokenValidityUnits: { AccessToken: "seconds" } },
      ],
      ["ID token over one day", { IdTokenValidity: 25 }],
      [
        "refresh token under one hour",
        { RefreshTokenValidity: 59, TokenValidityUnits: { RefreshToken: "minutes" } },
      ],
      ["refresh token over ten years", { RefreshTokenValidity: 3651 }],
    ] as const) {
      test(`rejects a validity out of range: ${label}`, async () => {
        await rejectsWith(create(extra), "InvalidParameterException", "Invalid range for token validity.");
      });
    }

    test("rejects legacy and ALLOW_ auth flows mixed", async () => {
      await rejectsWith(
        create({ ExplicitAuthFlows: ["USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }),
        "InvalidParameterException",
        "The ExplicitAuthFlows parameter cannot contain both legacy (ADMIN_NO_SRP_AUTH, CUSTOM_AUTH_FLOW_ONLY, USER_PASSWORD_AUTH) and new (ALLOW_*) values.",
      );
    });

    test("an unknown pool is ResourceNotFoundException", async () => {
      await rejectsWith(
        t.idp.send(new CreateUserPoolClientCommand({ UserPoolId: "us-east-1_nopool123", ClientName: "x" })),
        "ResourceNotFoundException",
        "User pool us-east-1_nopool123 does not exist.",
      );
    });

    test("an unknown auth flow fails the model's enum check", async () => {
      const err = await rejectsWith(
        create({ ExplicitAuthFlows: ["ALLOW_EVERYTHING"] }),
        "InvalidParameterException",
      );
      assert.match(
        err.message,
        /^1 validation error detected: Value '\[?ALLOW_EVERYTHING\]?' at 'explicitAuthFlows/,
      );
    });
  });
}

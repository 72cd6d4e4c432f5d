import assert from "node:assert/strict";
import { after, afterEach, before, describe, test } from "node:test";
import {
  AdminInitiateAuthCommand,
  CreateUserPoolClientCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt } from "jose";
import { computeSecretHash } from "../../src/user-pools/domain/secret-hash.ts";
import { createPoolAndClient, GOOD_PASSWORD, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";
import { signedInUser } from "../support/signed-in.ts";

const FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] as const;

for (const backend of BACKENDS) {
  describe(backend, () => {
    let t: TestServer;
    let poolId: string;
    let clientId: string;
    before(async () => {
      t = await startTestServer({ backend });
      ({ poolId, clientId } = await createPoolAndClient(t.idp));
    });
    after(() => t.close());
    afterEach(() => t.clock.set(new Date()));

    const rotatingClient = async (RetryGracePeriodSeconds: number) => {
      const { UserPoolClient } = await t.idp.send(
        new CreateUserPoolClientCommand({
          UserPoolId: poolId,
          ClientName: "rotating",
          ExplicitAuthFlows: [...FLOWS],
          RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds },
        }),
      );
      return UserPoolClient!.ClientId!;
    };
    const signIn = async (id: string, username: string) =>
      (
        await t.publicIdp.send(
          new InitiateAuthCommand({
            ClientId: id,
            AuthFlow: "USER_PASSWORD_AUTH",
            AuthParameters: { USERNAME: username, PASSWORD: GOOD_PASSWORD },
          }),
        )
      ).AuthenticationResult!;
    const refresh = (id: string, RefreshToken: string, ClientSecret?: string) =>
      t.publicIdp.send(new GetTokensFromRefreshTokenCommand({ ClientId: id, RefreshToken, ClientSecret }));

    test("without rotation: new access and ID tokens, no refresh token, the sign-in's auth_time kept", async () => {
      const first = await signedInUser(t, poolId, clientId, "rita");
      t.clock.advance(5_000);
      const out = await refresh(clientId, first.RefreshToken!);
      const r = out.AuthenticationResult!;
      assert.equal(r.RefreshToken, undefined);
      assert.equal(r.TokenType, "Bearer");
      assert.equal(decodeJwt(r.IdToken!).auth_time, decodeJwt(first.IdToken!).auth_time);
      assert.equal(
        (await t.publicIdp.send(new GetUserCommand({ AccessToken: r.AccessToken }))).Username,
        "rita",
      );
      // The same refresh token keeps working.
      assert.ok((await refresh(clientId, first.RefreshToken!)).AuthenticationResult?.AccessToken);
    });

    test("with rotation and no grace period: a new refresh token; the old one is RefreshTokenReuseException", async () => {
      const id = await rotatingClient(0);
      await signedInUser(t, poolId, clientId, "rob");
      const first = await signIn(id, "rob");
      const out = (await refresh(id, first.RefreshToken!)).AuthenticationResult!;
      assert.ok(out.RefreshToken);
      assert.notEqual(out.RefreshToken, first.RefreshToken);
      assert.equal(decodeJwt(out.AccessToken!).auth_time, decodeJwt(first.AccessToken!).auth_time);
      await rejectsWith(refresh(id, first.RefreshToken!), "RefreshTokenReuseException");
      // The token issued before the rotation still works until it expires.
      assert.equal(
        (await t.publicIdp.send(new GetUserCommand({ AccessToken: first.AccessToken }))).Username,
        "rob",
      );
      const next = (await refresh(id, out.RefreshToken!)).AuthenticationResult!;
      assert.ok(next.RefreshToken);
    });

    test("with a 10-second grace period the old token works for 10 seconds, then not", async () => {
      const id = await rotatingClient(10);
      await signedInUser(t, poolId, clientId, "ray");
      const first = await signIn(id, "ray");
      await refresh(id, first.RefreshToken!);
      t.clock.advance(5_000);
      assert.ok((await refresh(id, first.RefreshToken!)).AuthenticationResult?.RefreshToken);
      t.clock.advance(6_000);
      await rejectsWith(refresh(id, first.RefreshToken!), "RefreshTokenReuseException");
    });

    test("a rotated refresh token expires when the original would have (developer guide, Refresh tokens)", async () => {
      const { UserPoolClient } = await t.idp.send(
        new CreateUserPoolClientCommand({
          UserPoolId: poolId,
          ClientName: "rotating-short",
          ExplicitAuthFlows: [...FLOWS],
          RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 0 },
          RefreshTokenValidity: 60,
          TokenValidityUnits: { RefreshToken: "minutes" },
        }),
      );
      const id = UserPoolClient!.ClientId!;
      await signedInUser(t, poolId, clientId, "rhea");
      const first = await signIn(id, "rhea");
      t.clock.advance(30 * 60_000);
      const rotated = (await refresh(id, first.RefreshToken!)).AuthenticationResult!;
      t.clock.advance(29 * 60_000);
      const again = (await refresh(id, rotated.RefreshToken!)).AuthenticationResult!;
      // 61 minutes after the sign-in: past the original token's 60, though only 31 after the rotation.
      t.clock.advance(2 * 60_000);
      await rejectsWith(
        refresh(id, again.RefreshToken!),
        "NotAuthorizedException",
        "Refresh Token has expired",
      );
    });

    test("a client secret is required where the client has one, and checked", async () => {
      const { UserPoolClient } = await t.idp.send(
        new CreateUserPoolClientCommand({
          UserPoolId: poolId,
          ClientName: "secret",
          GenerateSecret: true,
          ExplicitAuthFlows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        }),
      );
      await signedInUser(t, poolId, clientId, "sam");
      const id = UserPoolClient!.ClientId!;
      const secret = UserPoolClient!.ClientSecret!;
      const signedIn = await t.idp.send(
        new AdminInitiateAuthCommand({
          UserPoolId: poolId,
          ClientId: id,
          AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
          AuthParameters: {
            USERNAME: "sam",
            PASSWORD: GOOD_PASSWORD,
            SECRET_HASH: computeSecretHash(secret, "sam", id),
          },
        }),
      );
      const token = signedIn.AuthenticationResult!.RefreshToken!;
      await rejectsWith(
        refresh(id, token),
        "NotAuthorizedException",
        `Client ${id} is configured with secret but SECRET_HASH was not received`,
      );
      await rejectsWith(
        refresh(id, token, "w".repeat(40)),
        "NotAuthorizedException",
        `Unable to verify secret hash for client ${id}`,
      );
      assert.ok((await refresh(id, token, secret)).AuthenticationResult?.AccessToken);
    });

    test("an unknown refresh token or client", async () => {
      await rejectsWith(refresh(clientId, "not-a-token"), "NotAuthorizedException", "Invalid Refresh Token");
      await rejectsWith(
        refresh("1example23456789", "not-a-token"),
        "ResourceNotFoundException",
        "User pool client 1example23456789 does not exist.",
      );
    });
  });
}

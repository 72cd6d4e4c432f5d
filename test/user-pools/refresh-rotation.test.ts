// With refresh-token rotation on, InitiateAuth's REFRESH_TOKEN_AUTH is refused: refreshes go through
// GetTokensFromRefreshToken (API reference, RefreshTokenRotationType), so a stolen token cannot
// bypass rotation.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, createUser, GOOD_PASSWORD, rejectsWith } from "../support/fixtures.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

describe("refresh with rotation enabled", () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(() => t.close());

  test("REFRESH_TOKEN_AUTH is refused, GetTokensFromRefreshToken rotates", async () => {
    const { poolId, clientId } = await createPoolAndClient(
      t.idp,
      {},
      { RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 0 } },
    );
    await createUser(t.idp, poolId, "rot");
    await t.idp.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: poolId,
        Username: "rot",
        Password: GOOD_PASSWORD,
        Permanent: true,
      }),
    );
    const signIn = await t.idp.send(
      new AdminInitiateAuthCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: "rot", PASSWORD: GOOD_PASSWORD },
      }),
    );
    const refreshToken = signIn.AuthenticationResult!.RefreshToken!;
    await rejectsWith(
      t.publicIdp.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: "REFRESH_TOKEN_AUTH",
          AuthParameters: { REFRESH_TOKEN: refreshToken },
        }),
      ),
      "NotAuthorizedException",
      "Refresh token rotation is enabled for this client; refresh with GetTokensFromRefreshToken.",
    );
    const rotated = await t.publicIdp.send(
      new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: refreshToken }),
    );
    assert.ok(rotated.AuthenticationResult?.RefreshToken);
    assert.notEqual(rotated.AuthenticationResult?.RefreshToken, refreshToken);
  });
});

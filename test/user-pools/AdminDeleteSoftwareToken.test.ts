import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AdminDeleteSoftwareTokenCommand,
  AdminGetUserCommand,
  AssociateSoftwareTokenCommand,
  InitiateAuthCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  VerifySoftwareTokenCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, GOOD_PASSWORD, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";
import { signedInUser } from "../support/signed-in.ts";
import { totpCode } from "../support/totp.ts";

for (const backend of BACKENDS) {
  describe(backend, () => {
    let t: TestServer;
    let poolId: string;
    let clientId: string;
    before(async () => {
      t = await startTestServer({ backend });
      ({ poolId, clientId } = await createPoolAndClient(t.idp));
      await t.idp.send(
        new SetUserPoolMfaConfigCommand({
          UserPoolId: poolId,
          MfaConfiguration: "OPTIONAL",
          SoftwareTokenMfaConfiguration: { Enabled: true },
        }),
      );
    });
    after(() => t.close());

    const passwordAuth = (username: string) =>
      t.publicIdp.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: username, PASSWORD: GOOD_PASSWORD },
        }),
      );

    test("removes the user's TOTP factor: no more SOFTWARE_TOKEN_MFA challenge, a new token can be registered", async () => {
      const tokens = await signedInUser(t, poolId, clientId, "tia");
      const { SecretCode } = await t.publicIdp.send(
        new AssociateSoftwareTokenCommand({ AccessToken: tokens.AccessToken }),
      );
      await t.publicIdp.send(
        new VerifySoftwareTokenCommand({
          AccessToken: tokens.AccessToken,
          UserCode: totpCode(SecretCode!, t.clock.nowMs()),
        }),
      );
      await t.publicIdp.send(
        new SetUserMFAPreferenceCommand({
          AccessToken: tokens.AccessToken,
          SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
        }),
      );
      assert.equal((await passwordAuth("tia")).ChallengeName, "SOFTWARE_TOKEN_MFA");

      const out = await t.idp.send(
        new AdminDeleteSoftwareTokenCommand({ UserPoolId: poolId, Username: "tia" }),
      );
      assert.deepEqual(
        Object.keys(out).filter((k) => k !== "$metadata"),
        [],
      );
      const user = await t.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "tia" }));
      assert.equal(user.PreferredMfaSetting, undefined);
      assert.ok(!(user.UserMFASettingList ?? []).includes("SOFTWARE_TOKEN_MFA"));
      const signIn = await passwordAuth("tia");
      assert.equal(signIn.ChallengeName, undefined);
      assert.ok(signIn.AuthenticationResult?.AccessToken);
      // Turning TOTP back on needs a newly verified token.
      await rejectsWith(
        t.publicIdp.send(
          new SetUserMFAPreferenceCommand({
            AccessToken: signIn.AuthenticationResult!.AccessToken,
            SoftwareTokenMfaSettings: { Enabled: true },
          }),
        ),
        "InvalidParameterException",
      );
      const again = await t.publicIdp.send(
        new AssociateSoftwareTokenCommand({ AccessToken: signIn.AuthenticationResult!.AccessToken }),
      );
      assert.notEqual(again.SecretCode, SecretCode);
    });

    test("an unknown user, an unknown pool, a missing Username", async () => {
      await rejectsWith(
        t.idp.send(new AdminDeleteSoftwareTokenCommand({ UserPoolId: poolId, Username: "nobody" })),
        "UserNotFoundException",
        "User does not exist.",
      );
      await rejectsWith(
        t.idp.send(new AdminDeleteSoftwareTokenCommand({ UserPoolId: "us-east-1_nopool", Username: "x" })),
        "ResourceNotFoundException",
        "User pool us-east-1_nopool does not exist.",
      );
      await rejectsWith(
        t.idp.send(new AdminDeleteSoftwareTokenCommand({ UserPoolId: poolId } as never)),
        "InvalidParameterException",
        "1 validation error detected: Value null at 'username' failed to satisfy constraint: Member must not be null",
      );
    });
  });
}

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, createUser, GOOD_PASSWORD, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";

for (const backend of BACKENDS) {
  describe(`AdminSetUserPassword (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    let clientId: string;
    before(async () => {
      t = await startTestServer({ backend });
      ({ poolId, clientId } = await createPoolAndClient(t.idp));
    });
    after(() => t.close());

    const setPassword = (Username: string, Password: string, Permanent?: boolean) =>
      t.idp.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: poolId,
          Username,
          Password,
          ...(Permanent === undefined ? {} : { Permanent }),
        }),
      );
    const signIn = (username: string, password: string) =>
      t.idp.send(
        new AdminInitiateAuthCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: username, PASSWORD: password },
        }),
      );
    const status = async (Username: string) =>
      (await t.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username }))).UserStatus;

    // API reference, AdminSetUserPassword: "if you set a permanent password, their status becomes Confirmed".
    test("a permanent password confirms the user, who signs in with it; the old one stops working", async () => {
      await createUser(t.idp, poolId, "jill");
      await setPassword("jill", GOOD_PASSWORD, true);
      assert.equal(await status("jill"), "CONFIRMED");
      const res = await signIn("jill", GOOD_PASSWORD);
      assert.ok(res.AuthenticationResult?.AccessToken);
      await rejectsWith(
        signIn("jill", "Temp-Pass-1"),
        "NotAuthorizedException",
        "Incorrect username or password.",
      );
    });

    // "If the password is temporary, the user's Status becomes FORCE_CHANGE_PASSWORD" and the next sign-in
    // answers NEW_PASSWORD_REQUIRED.
    test("a temporary password (Permanent false or omitted) forces a change at the next sign-in", async () => {
      await createUser(t.idp, poolId, "karl");
      await setPassword("karl", GOOD_PASSWORD, true);
      await setPassword("karl", "Other-Temp-2", false);
      assert.equal(await status("karl"), "FORCE_CHANGE_PASSWORD");
      assert.equal((await signIn("karl", "Other-Temp-2")).ChallengeName, "NEW_PASSWORD_REQUIRED");
      await setPassword("karl", "Third-Temp-3");
      assert.equal(await status("karl"), "FORCE_CHANGE_PASSWORD");
    });

    test("existing sessions stay valid", async () => {
      await createUser(t.idp, poolId, "lena");
      await setPassword("lena", GOOD_PASSWORD, true);
      const { AuthenticationResult } = await signIn("lena", GOOD_PASSWORD);
      await setPassword("lena", "Brand-New-Pass-4", true);
      const refreshed = await t.publicIdp.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: "REFRESH_TOKEN_AUTH",
          AuthParameters: { REFRESH_TOKEN: AuthenticationResult!.RefreshToken! },
        }),
      );
      assert.ok(refreshed.AuthenticationResult?.AccessToken);
    });

    test("a password that breaks the pool's policy is InvalidPasswordException and changes nothing", async () => {
      await createUser(t.idp, poolId, "milo");
      await rejectsWith(
        setPassword("milo", "NoSymbols123", true),
        "InvalidPasswordException",
        "Password did not conform with policy: Password must have symbol characters",
      );
      await rejectsWith(
        setPassword("milo", "nouppercase-1", true),
        "InvalidPasswordException",
        "Password did not conform with policy: Password must have uppercase characters",
      );
      assert.equal(await status("milo"), "FORCE_CHANGE_PASSWORD");
      assert.equal((await signIn("milo", "Temp-Pass-1")).ChallengeName, "NEW_PASSWORD_REQUIRED");
    });

    test("the pool's own policy applies", async () => {
      const { poolId: lax } = await createPoolAndClient(t.idp, {
        Policies: {
          PasswordPolicy: {
            MinimumLength: 6,
            RequireUppercase: false,
            RequireLowercase: true,
            RequireNumbers: false,
            RequireSymbols: false,
          },
        },
      });
      await createUser(t.idp, lax, "nina", {}, "lowercase");
      await t.idp.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: lax,
          Username: "nina",
          Password: "simple",
          Permanent: true,
        }),
      );
      await rejectsWith(
        t.idp.send(
          new AdminSetUserPasswordCommand({
            UserPoolId: lax,
            Username: "nina",
            Password: "short",
            Permanent: true,
          }),
        ),
        "InvalidPasswordException",
        "Password did not conform with policy: Password not long enough",
      );
    });

    test("an unknown user is UserNotFoundException", async () => {
      await rejectsWith(
        setPassword("nobody", GOOD_PASSWORD, true),
        "UserNotFoundException",
        "User does not exist.",
      );
    });

    test("an unknown pool is ResourceNotFoundException", async () => {
      await rejectsWith(
        t.idp.send(
          new AdminSetUserPasswordCommand({
            UserPoolId: "us-east-1_Nope123",
            Username: "x",
            Password: GOOD_PASSWORD,
          }),
        ),
        "ResourceNotFoundException",
        "User pool us-east-1_Nope123 does not exist.",
      );
    });
  });
}

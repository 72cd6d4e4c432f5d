import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  ChangePasswordCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, GOOD_PASSWORD, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";
import { signedInUser, signIn } from "../support/signed-in.ts";

const NEW_PASSWORD = "Brand-New-Pass-4";

for (const backend of BACKENDS) {
  describe(`ChangePassword (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    let clientId: string;
    before(async () => {
      t = await startTestServer({ backend });
      ({ poolId, clientId } = await createPoolAndClient(t.idp, {
        Policies: {
          PasswordPolicy: {
            MinimumLength: 10,
            RequireSymbols: true,
            RequireNumbers: true,
            RequireUppercase: true,
            RequireLowercase: true,
          },
        },
      }));
    });
    after(() => t.close());

    const changePassword = (
      AccessToken: string,
      PreviousPassword: string | undefined,
      ProposedPassword: string,
    ) =>
      t.publicIdp.send(
        new ChangePasswordCommand({
          AccessToken,
          ProposedPassword,
          ...(PreviousPassword === undefined ? {} : { PreviousPassword }),
        }),
      );

    test("the new password signs in and the old one no longer does", async () => {
      const tokens = await signedInUser(t, poolId, clientId, "ann");
      assert.deepEqual(Object.keys(await changePassword(tokens.AccessToken!, GOOD_PASSWORD, NEW_PASSWORD)), [
        "$metadata",
      ]);
      assert.ok((await signIn(t, clientId, "ann", NEW_PASSWORD)).AccessToken);
      await rejectsWith(
        signIn(t, clientId, "ann", GOOD_PASSWORD),
        "NotAuthorizedException",
        "Incorrect username or password.",
      );
    });

    test("a wrong previous password is NotAuthorizedException and changes nothing", async () => {
      const tokens = await signedInUser(t, poolId, clientId, "ben");
      await rejectsWith(
        changePassword(tokens.AccessToken!, "Wrong-Pass-99", NEW_PASSWORD),
        "NotAuthorizedException",
        "Incorrect username or password.",
      );
      await rejectsWith(
        changePassword(tokens.AccessToken!, undefined, NEW_PASSWORD),
        "NotAuthorizedException",
        "Incorrect username or password.",
      );
      assert.ok((await signIn(t, clientId, "ben", GOOD_PASSWORD)).AccessToken);
      await rejectsWith(
        signIn(t, clientId, "ben", NEW_PASSWORD),
        "NotAuthorizedException",
        "Incorrect username or password.",
      );
    });

    test("a proposed password that breaks the pool's policy is InvalidPasswordException and changes nothing", async () => {
      const tokens = await signedInUser(t, poolId, clientId, "cleo");
      await rejectsWith(
        changePassword(tokens.AccessToken!, GOOD_PASSWORD, "Short-1"),
        "InvalidPasswordException",
        "Password did not conform with policy: Password not long enough",
      );
      await rejectsWith(
        changePassword(tokens.AccessToken!, GOOD_PASSWORD, "NoSymbolsHere123"),
        "InvalidPasswordException",
        "Password did not conform with policy: Password must have symbol characters",
      );
      assert.ok((await signIn(t, clientId, "cleo", GOOD_PASSWORD)).AccessToken);
    });

    test("a proposed password the model rejects is InvalidParameterException", async () => {
      const tokens = await signedInUser(t, poolId, clientId, "dora");
      await rejectsWith(
        changePassword(tokens.AccessToken!, GOOD_PASSWORD, "has spaces in-It-1"),
        "InvalidParameterException",
        /^1 validation error detected: Value at 'proposedPassword' failed to satisfy constraint: Member must satisfy regular expression pattern/,
      );
    });

    // Cognito keeps other sessions on a password change; apps call GlobalSignOut to end them
    // (aws-amplify/amplify-js#4168, #6559).
    test("other sessions stay signed in: their access and refresh tokens keep working", async () => {
      const phone = await signedInUser(t, poolId, clientId, "emil");
      const laptop = await signIn(t, clientId, "emil");
      await changePassword(laptop.AccessToken!, GOOD_PASSWORD, NEW_PASSWORD);
      assert.equal(
        (await t.publicIdp.send(new GetUserCommand({ AccessToken: phone.AccessToken! }))).Username,
        "emil",
      );
      const refreshed = await t.publicIdp.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: "REFRESH_TOKEN_AUTH",
          AuthParameters: { REFRESH_TOKEN: phone.RefreshToken! },
        }),
      );
      assert.ok(refreshed.AuthenticationResult?.AccessToken);
    });

    test("repeated wrong previous passwords lock further attempts for a while", async () => {
      const tokens = await signedInUser(t, poolId, clientId, "finn");
      for (let i = 1; i < 5; i++) {
        await rejectsWith(
          changePassword(tokens.AccessToken!, `Wrong-Pass-${i}0`, NEW_PASSWORD),
          "NotAuthorizedException",
        );
      }
      await rejectsWith(
        changePassword(tokens.AccessToken!, "Wrong-Pass-50", NEW_PASSWORD),
        "LimitExceededException",
        "Attempt limit exceeded, please try after some time.",
      );
      await rejectsWith(
        changePassword(tokens.AccessToken!, GOOD_PASSWORD, NEW_PASSWORD),
        "LimitExceededException",
        "Attempt limit exceeded, please try after some time.",
      );
      t.clock.advance(2000);
      await changePassword(tokens.AccessToken!, GOOD_PASSWORD, NEW_PASSWORD);
      assert.ok((await signIn(t, clientId, "finn", NEW_PASSWORD)).AccessToken);
    });

    test("a revoked or invalid access token cannot change the password", async () => {
      const tokens = await signedInUser(t, poolId, clientId, "gia");
      await rejectsWith(
        changePassword("nope", GOOD_PASSWORD, NEW_PASSWORD),
        "NotAuthorizedException",
        "Invalid Access Token",
      );
      await t.publicIdp.send(new GlobalSignOutCommand({ AccessToken: tokens.AccessToken! }));
      await rejectsWith(
        changePassword(tokens.AccessToken!, GOOD_PASSWORD, NEW_PASSWORD),
        "NotAuthorizedException",
        "Access Token has been revoked",
      );
      assert.ok((await signIn(t, clientId, "gia", GOOD_PASSWORD)).AccessToken);
    });
  });
}

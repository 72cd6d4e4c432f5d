// Amplify v6 sign-in against cognate with only `userPoolEndpoint` changed. `aws-amplify` itself adds
// 49 packages (analytics, DataStore, storage…), so this drives the two it re-exports for Auth,
// @aws-amplify/auth and @aws-amplify/core, wired the way aws-amplify's Amplify.configure wires them.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { confirmSignIn, fetchAuthSession, signIn, signOut } from "@aws-amplify/auth";
import { cognitoUserPoolsTokenProvider } from "@aws-amplify/auth/cognito";
import { Amplify, defaultStorage } from "@aws-amplify/core";
import { AdminSetUserPasswordCommand } from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, createUser, GOOD_PASSWORD } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";

for (const backend of BACKENDS) {
  describe(`Amplify v6 signIn (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    before(async () => {
      t = await startTestServer({ backend });
      const created = await createPoolAndClient(t.idp);
      poolId = created.poolId;
      const config = {
        Auth: {
          Cognito: { userPoolId: poolId, userPoolClientId: created.clientId, userPoolEndpoint: t.url },
        },
      };
      cognitoUserPoolsTokenProvider.setAuthConfig(config.Auth);
      cognitoUserPoolsTokenProvider.setKeyValueStorage(defaultStorage);
      Amplify.configure(config, { Auth: { tokenProvider: cognitoUserPoolsTokenProvider } });
      await createUser(t.idp, poolId, "amy");
      await t.idp.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: poolId,
          Username: "amy",
          Password: GOOD_PASSWORD,
          Permanent: true,
        }),
      );
    });
    after(() => t.close());
    // Amplify signs TIMESTAMP with the real time.
    beforeEach(() => t.clock.set(new Date()));

    test("signIn (USER_SRP_AUTH, Amplify's default) signs in; fetchAuthSession has the tokens", async () => {
      const r = await signIn({ username: "amy", password: GOOD_PASSWORD });
      assert.deepEqual(r, { isSignedIn: true, nextStep: { signInStep: "DONE" } });
      const session = await fetchAuthSession();
      assert.equal(session.tokens?.accessToken.payload.username, "amy");
      assert.equal(session.tokens?.idToken?.payload["cognito:username"], "amy");
      await signOut();
    });

    test("a wrong password: NotAuthorizedException 'Incorrect username or password.'", async () => {
      await assert.rejects(signIn({ username: "amy", password: "Wrong-Pass-1" }), (e: Error) => {
        assert.equal(e.name, "NotAuthorizedException");
        assert.equal(e.message, "Incorrect username or password.");
        return true;
      });
    });

    test("a temporary password: CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED, then confirmSignIn", async () => {
      await createUser(t.idp, poolId, "tom", {}, "Temp-Pass-1");
      const r = await signIn({ username: "tom", password: "Temp-Pass-1" });
      assert.equal(r.nextStep.signInStep, "CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED");
      const done = await confirmSignIn({ challengeResponse: "New-Pass-word-9" });
      assert.equal(done.isSignedIn, true);
      await signOut();
      assert.equal((await signIn({ username: "tom", password: "New-Pass-word-9" })).isSignedIn, true);
      await signOut();
    });

    test("USER_AUTH with preferredChallenge PASSWORD_SRP", async () => {
      const r = await signIn({
        username: "amy",
        password: GOOD_PASSWORD,
        options: { authFlowType: "USER_AUTH", preferredChallenge: "PASSWORD_SRP" },
      });
      assert.equal(r.isSignedIn, true);
      await signOut();
    });
  });
}

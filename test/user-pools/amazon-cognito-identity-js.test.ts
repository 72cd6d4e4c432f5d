// amazon-cognito-identity-js, the library under Amplify v5 and many browser apps, against the server
// unchanged apart from its `endpoint`. This file signs in with USER_PASSWORD_AUTH (setAuthenticationFlowType);
// the library's default SRP sign-in is covered in srp.test.ts.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AuthenticationDetails,
  CognitoUser,
  type CognitoUserAttribute,
  CognitoUserPool,
  type CognitoUserSession,
  type ISignUpResult,
} from "amazon-cognito-identity-js";
import { createPoolAndClient, GOOD_PASSWORD } from "../support/fixtures.ts";
import { BACKENDS, latestMessage, startTestServer, type TestServer } from "../support/server.ts";

type LibraryError = Error & { code?: string };

/** Turns the library's Node-style callback into a promise. */
const call = <T>(fn: (cb: (err: LibraryError | undefined | null, result?: T) => void) => void) =>
  new Promise<T>((resolve, reject) => fn((err, result) => (err ? reject(err) : resolve(result as T))));

async function rejectsWithCode(p: Promise<unknown>, code: string, message: string) {
  await assert.rejects(p, (err: LibraryError) => {
    assert.equal(err.code, code);
    assert.equal(err.message, message);
    return true;
  });
}

for (const backend of BACKENDS) {
  describe(`amazon-cognito-identity-js (${backend})`, () => {
    let t: TestServer;
    let userPool: CognitoUserPool;
    let poolId: string;
    before(async () => {
      t = await startTestServer({ backend });
      const created = await createPoolAndClient(t.idp, { AutoVerifiedAttributes: ["email"] });
      poolId = created.poolId;
      userPool = new CognitoUserPool({ UserPoolId: poolId, ClientId: created.clientId, endpoint: t.url });
    });
    after(() => t.close());

    const signIn = (user: CognitoUser, password: string) =>
      new Promise<CognitoUserSession>((resolve, reject) => {
        user.setAuthenticationFlowType("USER_PASSWORD_AUTH");
        user.authenticateUser(
          new AuthenticationDetails({ Username: user.getUsername(), Password: password }),
          {
            onSuccess: resolve,
            onFailure: reject,
            newPasswordRequired: () => reject(new Error("unexpected NEW_PASSWORD_REQUIRED")),
          },
        );
      });
    const attributes = async (user: CognitoUser) => {
      const list = await call<CognitoUserAttribute[]>((cb) => user.getUserAttributes(cb));
      return Object.fromEntries(list.map((a) => [a.getName(), a.getValue()]));
    };

    test("sign up, confirm with the emailed code, sign in, read and update attributes, verify a new email", async () => {
      const email = { Name: "email", Value: "zoe@example.com" };
      const signUp = await call<ISignUpResult>((cb) =>
        userPool.signUp("zoe", GOOD_PASSWORD, [email as CognitoUserAttribute], [], cb),
      );
      assert.equal(signUp.userConfirmed, false);
      assert.match(signUp.userSub, /^[0-9a-f-]{36}$/);
      assert.deepEqual(signUp.codeDeliveryDetails, {
        AttributeName: "email",
        DeliveryMedium: "EMAIL",
        Destination: "z***@e***",
      });

      const user = new CognitoUser({ Username: "zoe", Pool: userPool });
      const { code } = await latestMessage(t.url, poolId, "zoe");
      assert.equal(await call<string>((cb) => user.confirmRegistration(code, false, cb)), "SUCCESS");

      const session = await signIn(user, GOOD_PASSWORD);
      assert.equal(session.isValid(), true);
      assert.equal(session.getAccessToken().decodePayload().username, "zoe");
      assert.equal(session.getIdToken().decodePayload().email, "zoe@example.com");

      assert.deepEqual(await attributes(user), {
        sub: signUp.userSub,
        email: "zoe@example.com",
        email_verified: "true",
      });

      const nameUpdate = [{ Name: "name", Value: "Zoe" }] as CognitoUserAttribute[];
      assert.equal(await call<string>((cb) => user.updateAttributes(nameUpdate, cb)), "SUCCESS");
      assert.equal((await attributes(user)).name, "Zoe");

      const emailUpdate = [{ Name: "email", Value: "zoe2@example.com" }] as CognitoUserAttribute[];
      await call<string>((cb) => user.updateAttributes(emailUpdate, cb));
      assert.equal((await attributes(user)).email_verified, "false");
      const mail = await latestMessage(t.url, poolId, "zoe");
      assert.equal(mail.destination, "zoe2@example.com");
      await new Promise<void>((resolve, reject) =>
        user.verifyAttribute("email", mail.code, { onSuccess: () => resolve(), onFailure: reject }),
      );
      assert.deepEqual(await attributes(user), {
        sub: signUp.userSub,
        email: "zoe2@example.com",
        email_verified: "true",
        name: "Zoe",
      });
    });

    test("errors reach the library with Cognito's code and message", async () => {
      await call<ISignUpResult>((cb) =>
        userPool.signUp(
          "yul",
          GOOD_PASSWORD,
          [{ Name: "email", Value: "yul@example.com" } as CognitoUserAttribute],
          [],
          cb,
        ),
      );
      const user = new CognitoUser({ Username: "yul", Pool: userPool });
      const { code } = await latestMessage(t.url, poolId, "yul");
      await rejectsWithCode(
        call((cb) => user.confirmRegistration(code === "000000" ? "111111" : "000000", false, cb)),
        "CodeMismatchException",
        "Invalid verification code provided, please try again.",
      );
      await rejectsWithCode(
        signIn(user, GOOD_PASSWORD),
        "UserNotConfirmedException",
        "User is not confirmed.",
      );
      await call((cb) => user.confirmRegistration(code, false, cb));
      await rejectsWithCode(
        signIn(user, "Wrong-Pass-1"),
        "NotAuthorizedException",
        "Incorrect username or password.",
      );

      await signIn(user, GOOD_PASSWORD);
      await rejectsWithCode(
        call((cb) =>
          user.updateAttributes([{ Name: "custom:nope", Value: "x" }] as CognitoUserAttribute[], cb),
        ),
        "InvalidParameterException",
        "Attributes did not conform to the schema: custom:nope: Attribute does not exist in the schema.",
      );
    });

    test("changePassword and deleteUser through the library", async () => {
      await call<ISignUpResult>((cb) =>
        userPool.signUp(
          "xen",
          GOOD_PASSWORD,
          [{ Name: "email", Value: "xen@example.com" } as CognitoUserAttribute],
          [],
          cb,
        ),
      );
      const user = new CognitoUser({ Username: "xen", Pool: userPool });
      const { code } = await latestMessage(t.url, poolId, "xen");
      await call((cb) => user.confirmRegistration(code, false, cb));
      await signIn(user, GOOD_PASSWORD);
      assert.equal(
        await call<string>((cb) => user.changePassword(GOOD_PASSWORD, "Brand-New-Pass-4", cb)),
        "SUCCESS",
      );
      await rejectsWithCode(
        signIn(new CognitoUser({ Username: "xen", Pool: userPool }), GOOD_PASSWORD),
        "NotAuthorizedException",
        "Incorrect username or password.",
      );
      await signIn(user, "Brand-New-Pass-4");
      assert.equal(await call<string>((cb) => user.deleteUser(cb)), "SUCCESS");
      await rejectsWithCode(
        signIn(new CognitoUser({ Username: "xen", Pool: userPool }), "Brand-New-Pass-4"),
        "UserNotFoundException",
        "User does not exist.",
      );
    });
  });
}

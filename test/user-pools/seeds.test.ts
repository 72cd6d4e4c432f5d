// The exact requests of ../shared/seeds/ (curl bodies, byte for byte), sent over raw HTTP.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createPoolAndClient, createUser } from "../support/fixtures.ts";
import { BACKENDS, latestMessage, rawCall, startTestServer, type TestServer } from "../support/server.ts";

const IDP = "AWSCognitoIdentityProviderService";

for (const backend of BACKENDS) {
  describe(`seed requests (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    let clientId: string;
    before(async () => {
      t = await startTestServer({ backend });
      ({ poolId, clientId } = await createPoolAndClient(t.idp, {
        Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP"] } },
      }));
    });
    after(() => t.close());

    test("USER_PASSWORD_AUTH → NEW_PASSWORD_REQUIRED → RespondToAuthChallenge → tokens", async () => {
      await createUser(
        t.idp,
        poolId,
        "seeduser",
        { email: "seed@example.com", email_verified: "true" },
        "Temp-Pass-1",
      );
      const initiate = `{
    "AuthParameters": {
        "USERNAME": "seeduser",
        "PASSWORD": "Temp-Pass-1"
           },
    "AuthFlow": "USER_PASSWORD_AUTH",
    "ClientId": "${clientId}"
}`;
      const first = await rawCall(t.url, `${IDP}.InitiateAuth`, initiate);
      assert.equal(first.status, 200);
      assert.equal(first.json.ChallengeName, "NEW_PASSWORD_REQUIRED");
      assert.equal(first.json.ChallengeParameters.USER_ID_FOR_SRP, "seeduser");
      assert.equal(first.json.ChallengeParameters.requiredAttributes, "[]");
      assert.deepEqual(JSON.parse(first.json.ChallengeParameters.userAttributes), {
        email: "seed@example.com",
        email_verified: "true",
      });
      assert.equal(typeof first.json.Session, "string");

      const respond = `{
    "ChallengeName": "NEW_PASSWORD_REQUIRED",
    "ClientId": "${clientId}",
    "ChallengeResponses": {"NEW_PASSWORD": "Brand-New-Pass-2", "USERNAME": "seeduser"},
      "Session": "${first.json.Session}"

}`;
      const second = await rawCall(t.url, `${IDP}.RespondToAuthChallenge`, respond);
      assert.equal(second.status, 200, JSON.stringify(second.json));
      assert.deepEqual(second.json.ChallengeParameters, {});
      const r = second.json.AuthenticationResult;
      assert.equal(r.TokenType, "Bearer");
      assert.equal(r.ExpiresIn, 3600);
      for (const k of ["AccessToken", "IdToken", "RefreshToken"]) assert.equal(typeof r[k], "string");

      // "Do step 1 again": the new password now signs in directly.
      const again = await rawCall(
        t.url,
        `${IDP}.InitiateAuth`,
        initiate.replace("Temp-Pass-1", "Brand-New-Pass-2"),
      );
      assert.equal(again.status, 200);
      assert.deepEqual(again.json.ChallengeParameters, {});
      assert.ok(again.json.AuthenticationResult.AccessToken);
      // and the temporary password no longer works
      const old = await rawCall(t.url, `${IDP}.InitiateAuth`, initiate);
      assert.equal(old.status, 400);
      assert.equal(old.json.__type, "NotAuthorizedException");
      assert.equal(old.json.message, "Incorrect username or password.");
    });

    test("USER_AUTH with PREFERRED_CHALLENGE=EMAIL_OTP → EMAIL_OTP_CODE → tokens", async () => {
      await createUser(t.idp, poolId, "otpuser", { email: "otp.user@example.com", email_verified: "true" });
      const initiate = `{
    "AuthParameters": {
        "USERNAME": "otpuser",
       "PREFERRED_CHALLENGE": "EMAIL_OTP"
    },
    "AuthFlow": "USER_AUTH",
    "ClientId": "${clientId}"
}`;
      const first = await rawCall(t.url, `${IDP}.InitiateAuth`, initiate);
      assert.equal(first.status, 200, JSON.stringify(first.json));
      assert.equal(first.json.ChallengeName, "EMAIL_OTP");
      assert.equal(first.json.ChallengeParameters.CODE_DELIVERY_DELIVERY_MEDIUM, "EMAIL");
      assert.equal(first.json.ChallengeParameters.CODE_DELIVERY_DESTINATION, "o***@e***");
      const message = await latestMessage(t.url, poolId, "otpuser");
      assert.equal(message.destination, "otp.user@example.com");
      assert.match(message.code, /^\d{8}$/);
      assert.ok(message.body.includes(message.code));

      const respond = `{
     "ChallengeName": "EMAIL_OTP", 
    "Session": "${first.json.Session}",
    "ClientId": "${clientId}",
    "ChallengeResponses": {
        "USERNAME": "otpuser",
        "EMAIL_OTP_CODE": "${message.code}"
    }
}`;
      const second = await rawCall(t.url, `${IDP}.RespondToAuthChallenge`, respond);
      assert.equal(second.status, 200, JSON.stringify(second.json));
      assert.ok(second.json.AuthenticationResult.IdToken);
      // The session is single-use.
      const replay = await rawCall(t.url, `${IDP}.RespondToAuthChallenge`, respond);
      assert.equal(replay.status, 400);
      assert.equal(replay.json.__type, "NotAuthorizedException");
    });

    test("seed token request shape is answered with JSON 1.1 headers", async () => {
      const r = await rawCall(t.url, `${IDP}.InitiateAuth`, {
        AuthFlow: "USER_PASSWORD_AUTH",
        ClientId: clientId,
        AuthParameters: { USERNAME: "nobody", PASSWORD: "x" },
      });
      assert.equal(r.status, 400);
      assert.equal(r.headers.get("content-type"), "application/x-amz-json-1.1");
      assert.ok(r.headers.get("x-amzn-requestid"));
      assert.equal(r.headers.get("x-amzn-errortype"), "UserNotFoundException");
      assert.deepEqual(r.json, { __type: "UserNotFoundException", message: "User does not exist." });
    });
  });
}

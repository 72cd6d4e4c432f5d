// Limits that must hold under parallel requests: the sign-in lockout and the attempts on a code.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AdminSetUserPasswordCommand,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, createUser, GOOD_PASSWORD, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, latestMessage, startTestServer, type TestServer } from "../support/server.ts";

for (const backend of BACKENDS) {
  describe(`parallel guesses (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    let clientId: string;
    before(async () => {
      t = await startTestServer({ backend });
      ({ poolId, clientId } = await createPoolAndClient(t.idp, { AutoVerifiedAttributes: ["email"] }));
    });
    after(() => t.close());

    test("a burst of wrong passwords all count: the user is locked out afterwards", async () => {
      await createUser(t.idp, poolId, "burst");
      await t.idp.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: poolId,
          Username: "burst",
          Password: GOOD_PASSWORD,
          Permanent: true,
        }),
      );
      const guess = (pw: string) =>
        t.publicIdp.send(
          new InitiateAuthCommand({
            ClientId: clientId,
            AuthFlow: "USER_PASSWORD_AUTH",
            AuthParameters: { USERNAME: "burst", PASSWORD: pw },
          }),
        );
      const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => guess(`Wrong-Pass-${i}`)));
      assert.ok(results.every((r) => r.status === "rejected"));
      await rejectsWith(guess(GOOD_PASSWORD), "NotAuthorizedException", "Password attempts exceeded");
    });

    test("parallel guesses at a confirmation code get at most five tries", async () => {
      await t.publicIdp.send(
        new SignUpCommand({
          ClientId: clientId,
          Username: "coder",
          Password: GOOD_PASSWORD,
          UserAttributes: [{ Name: "email", Value: "coder@example.com" }],
        }),
      );
      const { code } = await latestMessage(t.url, poolId, "coder");
      const wrong = code === "000000" ? "111111" : "000000";
      const results = await Promise.allSettled(
        Array.from({ length: 12 }, () =>
          t.publicIdp.send(
            new ConfirmSignUpCommand({ ClientId: clientId, Username: "coder", ConfirmationCode: wrong }),
          ),
        ),
      );
      const names = results.map((r) => (r.status === "rejected" ? (r.reason as Error).name : "ok"));
      assert.equal(names.filter((n) => n === "CodeMismatchException").length, 5, names.join(","));
      assert.equal(names.filter((n) => n === "LimitExceededException").length, 7);
      // The right code no longer helps: the code's attempts are spent.
      await rejectsWith(
        t.publicIdp.send(
          new ConfirmSignUpCommand({ ClientId: clientId, Username: "coder", ConfirmationCode: code }),
        ),
        "LimitExceededException",
      );
    });
  });
}

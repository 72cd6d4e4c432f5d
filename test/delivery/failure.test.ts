// A channel that cannot deliver: the client sees CodeDeliveryFailureException (API reference, SignUp
// errors), never a 500, and the development outbox still holds the message.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { SignUpCommand } from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, GOOD_PASSWORD, rejectsWith } from "../support/fixtures.ts";
import { latestMessage, startTestServer, type TestServer } from "../support/server.ts";

describe("delivery failure", () => {
  let t: TestServer;
  before(async () => {
    // Port 1 on loopback refuses connections at once.
    t = await startTestServer({ config: { smtpHost: "127.0.0.1", smtpPort: 1 } });
  });
  after(() => t.close());

  test("SignUp answers CodeDeliveryFailureException when SMTP is unreachable", async () => {
    const { poolId, clientId } = await createPoolAndClient(t.idp, { AutoVerifiedAttributes: ["email"] });
    const err = await rejectsWith(
      t.publicIdp.send(
        new SignUpCommand({
          ClientId: clientId,
          Username: "undeliverable",
          Password: GOOD_PASSWORD,
          UserAttributes: [{ Name: "email", Value: "u@example.com" }],
        }),
      ),
      "CodeDeliveryFailureException",
    );
    assert.equal(err.$metadata?.httpStatusCode, 400);
    const message = await latestMessage(t.url, poolId, "undeliverable");
    assert.match(message.code, /^\d{6}$/);
  });
});

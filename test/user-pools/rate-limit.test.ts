// Per-IP rate limits on sign-in and code-sending operations; Cognito's throttling answer is
// TooManyRequestsException (API reference, InitiateAuth errors).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { InitiateAuthCommand, ListUsersCommand } from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";

for (const backend of BACKENDS) {
  describe(`rate limits (${backend})`, () => {
    let t: TestServer;
    before(async () => {
      t = await startTestServer({ backend, config: { rateLimitPerMinute: 3 } });
    });
    after(() => t.close());

    test("the fourth sign-in attempt in a minute is throttled; the next minute is open again; admin calls are not limited", async () => {
      const { poolId, clientId } = await createPoolAndClient(t.idp);
      const attempt = () =>
        t.publicIdp.send(
          new InitiateAuthCommand({
            ClientId: clientId,
            AuthFlow: "USER_PASSWORD_AUTH",
            AuthParameters: { USERNAME: "nobody", PASSWORD: "Whatever-1" },
          }),
        );
      t.clock.set(new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 1000));
      try {
        for (let i = 0; i < 3; i++) await rejectsWith(attempt(), "UserNotFoundException");
        const err = await rejectsWith(attempt(), "TooManyRequestsException", "Rate exceeded");
        assert.equal(err.$metadata?.httpStatusCode, 400);
        for (let i = 0; i < 5; i++)
          await t.idp.send(new ListUsersCommand({ UserPoolId: poolId })).catch((e) => assert.fail(e));
        t.clock.advance(60_000);
        await rejectsWith(attempt(), "UserNotFoundException");
      } finally {
        t.clock.set(new Date());
      }
    });
  });
}

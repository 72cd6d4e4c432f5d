// Unauthenticated endpoints do not buffer large bodies (security review): 413 past 64 KiB.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createPoolAndClient } from "../support/fixtures.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

describe("request body limits", () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(() => t.close());

  test("the token endpoint refuses a body over 64 KiB; the API refuses one over 1 MiB", async () => {
    const { poolId } = await createPoolAndClient(t.idp);
    const big = await fetch(`${t.url}/${poolId}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `grant_type=client_credentials&pad=${"x".repeat(100 * 1024)}`,
    });
    assert.equal(big.status, 413);
    const api = await fetch(t.url, {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": "AWSCognitoIdentityProviderService.InitiateAuth",
      },
      body: JSON.stringify({ pad: "x".repeat(2 * 1024 * 1024) }),
    });
    assert.equal(api.status, 413);
    assert.equal(((await api.json()) as { __type: string }).__type, "SerializationException");
  });
});

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { GetIdCommand } from "@aws-sdk/client-cognito-identity";
import { rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";
import { createIdentityPool, identityClients } from "./helpers.ts";

for (const backend of BACKENDS) {
  describe(`public identity operations are rate limited per client IP (${backend})`, () => {
    let t: TestServer;
    let c: ReturnType<typeof identityClients>;
    before(async () => {
      t = await startTestServer({ backend, config: { rateLimitPerMinute: 3 } });
      c = identityClients(t);
    });
    after(async () => {
      c.destroy();
      await t.close();
    });

    test("GetId past the limit: TooManyRequestsException; the next minute is allowed again", async () => {
      const poolId = await createIdentityPool(c.admin);
      for (let i = 0; i < 3; i++)
        assert.ok((await c.anon.send(new GetIdCommand({ IdentityPoolId: poolId }))).IdentityId);
      await rejectsWith(
        c.anon.send(new GetIdCommand({ IdentityPoolId: poolId })),
        "TooManyRequestsException",
        "Rate exceeded",
      );
      t.clock.advance(60_000);
      assert.ok((await c.anon.send(new GetIdCommand({ IdentityPoolId: poolId }))).IdentityId);
    });
  });
}

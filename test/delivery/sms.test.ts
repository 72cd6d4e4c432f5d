// SMS through the webhook sender: a local HTTP server receives what an SMS provider bridge would.
import assert from "node:assert/strict";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { SignUpCommand } from "@aws-sdk/client-cognito-identity-provider";
import { DeliveryError } from "../../src/delivery/message.ts";
import { WebhookSmsSender } from "../../src/delivery/sms.ts";
import { createPoolAndClient, GOOD_PASSWORD } from "../support/fixtures.ts";
import { BACKENDS, latestMessage, startTestServer, type TestServer } from "../support/server.ts";

interface Hook {
  method: string;
  headers: IncomingHttpHeaders;
  json: Record<string, string>;
}

/** A webhook that records each request and answers `status`. */
async function startWebhook(status = 200) {
  const calls: Hook[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      calls.push({
        method: req.method ?? "",
        headers: req.headers,
        json: JSON.parse(Buffer.concat(chunks).toString("utf8")),
      });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
  return { calls, url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

for (const backend of BACKENDS) {
  describe(`SMS webhook delivery (${backend})`, () => {
    let t: TestServer;
    let hook: Awaited<ReturnType<typeof startWebhook>>;
    before(async () => {
      hook = await startWebhook();
      t = await startTestServer({ backend, config: { smsWebhookUrl: hook.url, outbox: true } });
    });
    after(async () => {
      await t.close();
      await hook.close();
    });

    test("SignUp's verification SMS is POSTed as JSON with the pool's template and the outbox's code", async () => {
      const { poolId, clientId } = await createPoolAndClient(t.idp, {
        AutoVerifiedAttributes: ["phone_number"],
        VerificationMessageTemplate: { SmsMessage: "Your code for Example: {####}" },
      });
      await t.publicIdp.send(
        new SignUpCommand({
          ClientId: clientId,
          Username: "texted",
          Password: GOOD_PASSWORD,
          UserAttributes: [{ Name: "phone_number", Value: "+15555550100" }],
        }),
      );
      assert.equal(hook.calls.length, 1);
      const call = hook.calls[0]!;
      const outbox = await latestMessage(t.url, poolId, "texted");
      assert.equal(call.method, "POST");
      assert.match(call.headers["content-type"] ?? "", /^application\/json/);
      assert.deepEqual(call.json, {
        to: "+15555550100",
        body: `Your code for Example: ${outbox.code}`,
        poolId,
        username: "texted",
      });
    });
  });
}

describe("WebhookSmsSender", () => {
  const message = {
    poolId: "p",
    username: "u",
    channel: "SMS" as const,
    destination: "+15555550100",
    body: "code 123456",
    code: "123456",
  };

  test("a webhook answering an error status fails the delivery", async () => {
    const hook = await startWebhook(503);
    try {
      await assert.rejects(
        new WebhookSmsSender(hook.url).send(message),
        (e: Error) => e instanceof DeliveryError && e.message === "SMS webhook answered HTTP 503",
      );
      assert.equal(hook.calls.length, 1);
    } finally {
      await hook.close();
    }
  });

  test("an unreachable webhook fails the delivery", async () => {
    const hook = await startWebhook();
    await hook.close();
    await assert.rejects(
      new WebhookSmsSender(hook.url).send(message),
      (e: Error) => e instanceof DeliveryError && /^SMS webhook unreachable: /.test(e.message),
    );
  });
});

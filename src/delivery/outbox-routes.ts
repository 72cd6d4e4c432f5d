import { Hono } from "hono";
import type { DispatchDeps } from "../protocol/aws-json/dispatch.ts";

/**
 * `GET /_cognate/outbox?poolId=…&username=…&limit=…`: the newest messages first,
 * each with the `code` it carries. Mounted only when the outbox is on.
 */
export function outboxRoutes(deps: DispatchDeps) {
  const app = new Hono();
  app.get("/_cognate/outbox", async (c) => {
    const limit = Math.min(Math.max(Number(c.req.query("limit") ?? 20) || 20, 1), 500);
    const poolId = c.req.query("poolId");
    const username = c.req.query("username");
    const messages = await deps.store.outbox.list({
      limit,
      ...(poolId ? { poolId } : {}),
      ...(username ? { username } : {}),
    });
    return c.json({
      messages: messages.map((m) => ({
        poolId: m.poolId,
        username: m.username,
        channel: m.channel,
        destination: m.destination,
        subject: m.subject,
        body: m.body,
        code: m.code,
        createdAt: new Date(m.createdAt).toISOString(),
      })),
    });
  });
  return app;
}

import { getConnInfo } from "@hono/node-server/conninfo";
import { Hono } from "hono";
import type { DispatchDeps, RawResponse } from "../protocol/aws-json/dispatch.ts";
import { createDispatcher } from "../protocol/aws-json/dispatch.ts";
import { userPoolsService } from "../user-pools/service.ts";
import { identityPoolsService } from "../identity-pools/service.ts";
import { identityWellKnownRoutes } from "../identity-pools/routes.ts";
import { wellKnownRoutes } from "../oauth/discovery.ts";
import { oauthRoutes } from "../oauth/routes.ts";
import { outboxRoutes } from "../delivery/outbox-routes.ts";

const EXPOSED = "x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage, Date";

/** Mounts every surface: the AWS JSON APIs on `POST /`, discovery and JWKS, the outbox. */
export function createApp(deps: DispatchDeps & { baseUrl: () => string }) {
  const app = new Hono();
  const dispatch = createDispatcher([userPoolsService, identityPoolsService], deps);

  // CORS: browsers call the API directly (amazon-cognito-identity-js, Amplify).
  app.use("*", async (c, next) => {
    const origin = c.req.header("origin");
    if (c.req.method === "OPTIONS") {
      return new Response(null, {
        status: 204,
        headers: {
          "access-control-allow-origin": origin ?? "*",
          "access-control-allow-methods": "GET, POST, OPTIONS",
          "access-control-allow-headers": c.req.header("access-control-request-headers") ?? "*",
          "access-control-max-age": "86400",
          vary: "Origin",
        },
      });
    }
    await next();
    if (origin) {
      c.res.headers.set("access-control-allow-origin", origin);
      c.res.headers.set("access-control-expose-headers", EXPOSED);
      c.res.headers.append("vary", "Origin");
    }
  });

  app.post("/", async (c) => {
    const body = new Uint8Array(await c.req.arrayBuffer());
    const res: RawResponse = await dispatch({
      method: "POST",
      url: new URL(c.req.url),
      headers: c.req.raw.headers,
      body,
      sourceIp: safeIp(c),
    });
    return new Response(res.body, { status: res.status, headers: res.headers });
  });

  app.get("/health", (c) => c.json({ status: "ok" }));
  app.route("/", identityWellKnownRoutes(deps));
  app.route("/", wellKnownRoutes(deps));
  app.route("/", oauthRoutes(deps));
  if (deps.config.dev || deps.config.outbox) app.route("/", outboxRoutes(deps));
  app.notFound((c) => c.json({ message: "Not found" }, 404));
  app.onError((err, c) => {
    deps.logger.error("unhandled error", { path: c.req.path, error: String(err.stack ?? err) });
    return c.json({ __type: "InternalErrorException", message: "An internal error occurred." }, 500);
  });
  return app;
}

function safeIp(c: Parameters<typeof getConnInfo>[0]): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}

import type { IncomingMessage, ServerResponse } from "node:http";
import { getRequestListener } from "@hono/node-server";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { outboxRoutes } from "../delivery/outbox-routes.ts";
import { identityWellKnownRoutes } from "../identity-pools/routes.ts";
import { identityPoolsService } from "../identity-pools/service.ts";
import { wellKnownRoutes } from "../oauth/discovery.ts";
import { oauthRoutes } from "../oauth/routes.ts";
import type { DispatchDeps } from "../protocol/aws-json/dispatch.ts";
import { createDispatcher } from "../protocol/aws-json/dispatch.ts";
import { importUploadRoutes } from "../user-pools/import-routes.ts";
import { userPoolsService } from "../user-pools/service.ts";
import { apiListener } from "./api-listener.ts";

const EXPOSED = "x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage, Date";

/**
 * Mounts every surface as one node:http listener: the AWS JSON APIs on `POST /` (directly on
 * node:http, see api-listener.ts), and through Hono discovery and JWKS, the OAuth endpoints and
 * hosted pages, the outbox.
 */
export function createHttpHandler(deps: DispatchDeps & { baseUrl: () => string }) {
  const api = apiListener(createDispatcher([userPoolsService, identityPoolsService], deps));
  const rest = getRequestListener(createApp(deps).fetch);
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method === "POST" && (req.url === "/" || req.url?.startsWith("/?"))) api(req, res);
    else void rest(req, res);
  };
}

/** Every surface but the AWS JSON APIs, on Hono. */
export function createApp(deps: DispatchDeps & { baseUrl: () => string }) {
  const app = new Hono();

  // CORS: browsers call the API directly (amazon-cognito-identity-js, Amplify).
  app.use("*", async (c, next) => {
    // The dev outbox holds codes: no other site may read it from a developer's browser.
    if (c.req.path.startsWith("/_cognate/")) return next();
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

  // Form posts and token requests are small; only the user-import upload may be large (it sets its own cap).
  const limit = bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.json({ error: "invalid_request" }, 413) });
  app.use("*", (c, next) => (c.req.path.startsWith("/_cognate/import/") ? next() : limit(c, next)));

  app.get("/health", (c) => c.json({ status: "ok" }));
  app.route("/", identityWellKnownRoutes(deps));
  app.route("/", wellKnownRoutes(deps));
  app.route("/", oauthRoutes(deps));
  app.route("/", importUploadRoutes(deps));
  if (deps.config.dev || deps.config.outbox) app.route("/", outboxRoutes(deps));
  app.notFound((c) => c.json({ message: "Not found" }, 404));
  app.onError((err, c) => {
    deps.logger.error("unhandled error", { path: c.req.path, error: String(err.stack ?? err) });
    return c.json({ __type: "InternalErrorException", message: "An internal error occurred." }, 500);
  });
  return app;
}

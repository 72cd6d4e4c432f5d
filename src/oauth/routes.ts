import { getConnInfo } from "@hono/node-server/conninfo";
import { type Context, Hono } from "hono";
import { loginPageEndpoint, loginSubmitEndpoint } from "../hosted-ui/login.ts";
import { logoEndpoint } from "../hosted-ui/logo.ts";
import { messages } from "../hosted-ui/messages.ts";
import {
  confirmEndpoint,
  confirmForgotPasswordEndpoint,
  forgotPasswordEndpoint,
  signUpEndpoint,
} from "../hosted-ui/self-service.ts";
import type { Site } from "../hosted-ui/session.ts";
import { authorizeEndpoint, errorPage } from "./authorize.ts";
import type { OAuthDeps } from "./context.ts";
import { jsonResponse } from "./errors.ts";
import { idpResponseEndpoint } from "./federation/idp-response.ts";
import { logoutEndpoint } from "./logout.ts";
import { revokeEndpoint } from "./revoke.ts";
import { tokenEndpoint } from "./token.ts";
import { userInfoEndpoint } from "./userinfo.ts";

type Handler = (deps: OAuthDeps, site: Site, request: Request, sourceIp: string) => Promise<Response>;

/** Every endpoint of a user pool domain, as a table: method, path, handler, and whether it is a browser page. */
const ENDPOINTS: ReadonlyArray<{
  method: "GET" | "POST" | "ALL";
  path: string;
  handler: Handler;
  page: boolean;
}> = [
  { method: "GET", path: "/oauth2/authorize", handler: authorizeEndpoint, page: true },
  { method: "GET", path: "/oauth2/idpresponse", handler: idpResponseEndpoint, page: true },
  {
    method: "ALL",
    path: "/oauth2/token",
    handler: (d, s, r, ip) => tokenEndpoint(d, s.pool, r, ip),
    page: false,
  },
  {
    method: "GET",
    path: "/oauth2/userInfo",
    handler: (d, s, r) => userInfoEndpoint(d, s.pool, r),
    page: false,
  },
  {
    method: "POST",
    path: "/oauth2/userInfo",
    handler: (d, s, r) => userInfoEndpoint(d, s.pool, r),
    page: false,
  },
  { method: "ALL", path: "/oauth2/revoke", handler: (d, s, r) => revokeEndpoint(d, s.pool, r), page: false },
  { method: "GET", path: "/logout", handler: logoutEndpoint, page: true },
  { method: "GET", path: "/login", handler: loginPageEndpoint, page: true },
  { method: "POST", path: "/login", handler: loginSubmitEndpoint, page: true },
  { method: "GET", path: "/signup", handler: signUpEndpoint, page: true },
  { method: "POST", path: "/signup", handler: signUpEndpoint, page: true },
  { method: "GET", path: "/confirm", handler: confirmEndpoint, page: true },
  { method: "POST", path: "/confirm", handler: confirmEndpoint, page: true },
  { method: "GET", path: "/forgotPassword", handler: forgotPasswordEndpoint, page: true },
  { method: "POST", path: "/forgotPassword", handler: forgotPasswordEndpoint, page: true },
  { method: "GET", path: "/confirmForgotPassword", handler: confirmForgotPasswordEndpoint, page: true },
  { method: "POST", path: "/confirmForgotPassword", handler: confirmForgotPasswordEndpoint, page: true },
  { method: "GET", path: "/ui/logo/:clientId", handler: logoEndpoint, page: false },
];

const PREFIX_HOST = /^([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)\.auth\.([a-z0-9-]+)\.amazoncognito\.com$/;

/**
 * The OAuth 2.0 endpoints and hosted pages of every user pool, reachable two ways:
 * - on a registered domain, by Host header: `https://<prefix>.auth.<region>.amazoncognito.com/oauth2/token`
 *   or the custom domain (what Cognito serves; needs DNS or a Host header locally);
 * - on the main port, under a path per pool: `<base URL>/<poolId>/oauth2/token` (no DNS needed).
 */
export function oauthRoutes(deps: OAuthDeps) {
  const app = new Hono();

  const poolSite = async (poolId: string): Promise<Site | undefined> => {
    const pool = await deps.store.pools.get(poolId);
    return pool && { pool, base: `/${poolId}` };
  };
  const hostSite = async (hostHeader: string | undefined): Promise<Site | undefined> => {
    const host = (hostHeader ?? "").toLowerCase().replace(/:\d+$/, "");
    const m = PREFIX_HOST.exec(host);
    const domain = m
      ? m[2] === deps.config.region
        ? await deps.store.oauth.getDomain(m[1]!)
        : undefined
      : await deps.store.oauth.getDomain(host);
    if (!domain || domain.custom !== !m) return undefined;
    const pool = await deps.store.pools.get(domain.poolId);
    return pool && { pool, base: "" };
  };
  const serve = async (c: Context, site: Site | undefined, e: (typeof ENDPOINTS)[number]) => {
    if (!site) {
      if (e.page) return errorPage("invalid_request", messages.pageErrors.pool, 404);
      return jsonResponse({ error: "invalid_request" }, 404);
    }
    return e.handler(deps, site, c.req.raw, sourceIp(c));
  };

  for (const e of ENDPOINTS) {
    const methods = e.method === "ALL" ? ["GET", "POST", "PUT", "DELETE", "PATCH"] : [e.method];
    app.on(methods, `/:poolId${e.path}`, async (c) => serve(c, await poolSite(c.req.param("poolId")), e));
    app.on(methods, e.path, async (c) => {
      const site = await hostSite(c.req.header("host"));
      return site ? serve(c, site, e) : c.notFound();
    });
  }
  return app;
}

function sourceIp(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}

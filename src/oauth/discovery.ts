import { Hono } from "hono";
import type { DispatchDeps } from "../protocol/aws-json/dispatch.ts";

/** `/<poolId>/.well-known/jwks.json` and `/<poolId>/.well-known/openid-configuration`, as Cognito serves them. */
export function wellKnownRoutes(deps: DispatchDeps & { baseUrl: () => string }) {
  const app = new Hono();
  const notFound = (poolId: string) => ({ message: `User pool ${poolId} does not exist.` });

  app.get("/:poolId/.well-known/jwks.json", async (c) => {
    const poolId = c.req.param("poolId");
    if (!(await deps.store.pools.get(poolId))) return c.json(notFound(poolId), 404);
    c.header("cache-control", "public, max-age=300");
    return c.json(await deps.services.keys.jwks(poolId));
  });

  app.get("/:poolId/.well-known/openid-configuration", async (c) => {
    const poolId = c.req.param("poolId");
    if (!(await deps.store.pools.get(poolId))) return c.json(notFound(poolId), 404);
    // The members and order of Cognito's document (it lists end_session_endpoint since 2024), with
    // endpoint URLs under the path-per-pool base that works without DNS (docs/oauth.md), plus
    // grant_types_supported, which Cognito leaves out.
    const base = `${deps.baseUrl()}/${poolId}`;
    return c.json({
      authorization_endpoint: `${base}/oauth2/authorize`,
      end_session_endpoint: `${base}/logout`,
      grant_types_supported: ["authorization_code", "implicit", "refresh_token", "client_credentials"],
      id_token_signing_alg_values_supported: ["RS256"],
      issuer: deps.services.tokens.issuerFor(poolId),
      jwks_uri: `${base}/.well-known/jwks.json`,
      response_types_supported: ["code", "token"],
      revocation_endpoint: `${base}/oauth2/revoke`,
      scopes_supported: ["openid", "email", "phone", "profile"],
      subject_types_supported: ["public"],
      token_endpoint: `${base}/oauth2/token`,
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
      userinfo_endpoint: `${base}/oauth2/userInfo`,
    });
  });
  return app;
}

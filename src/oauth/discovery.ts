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
    return c.json({
      issuer: deps.services.tokens.issuerFor(poolId),
      jwks_uri: `${deps.baseUrl()}/${poolId}/.well-known/jwks.json`,
      response_types_supported: ["code", "token"],
      scopes_supported: ["openid", "email", "phone", "profile"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    });
  });
  return app;
}

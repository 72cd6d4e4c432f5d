import { Hono } from "hono";
import type { DispatchDeps } from "../protocol/aws-json/dispatch.ts";
import { identityIssuer, identityKey } from "./tokens.ts";

/**
 * `/identity/.well-known/jwks.json` and `/identity/.well-known/openid-configuration`: the key
 * and issuer of identity-pool OpenID tokens, so STS (or anything else) can verify them. Mounted
 * before the user pools' `/:poolId/.well-known/*` routes.
 */
export function identityWellKnownRoutes(deps: DispatchDeps & { baseUrl: () => string }) {
  const app = new Hono();
  app.get("/identity/.well-known/jwks.json", async (c) => {
    c.header("cache-control", "public, max-age=300");
    return c.json(await identityKey(deps.services, deps.store).jwks());
  });
  app.get("/identity/.well-known/openid-configuration", (c) =>
    c.json({
      issuer: identityIssuer(deps.config, deps.services),
      jwks_uri: `${deps.baseUrl()}/identity/.well-known/jwks.json`,
      response_types_supported: ["id_token"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
      claims_supported: ["sub", "aud", "amr", "iss", "exp", "iat"],
    }),
  );
  return app;
}

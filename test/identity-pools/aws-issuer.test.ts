import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { GetIdCommand, GetOpenIdTokenCommand } from "@aws-sdk/client-cognito-identity";
import { createRemoteJWKSet, decodeJwt, jwtVerify } from "jose";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";
import { createIdentityPool, identityClients, signIn, userPool } from "./helpers.ts";

for (const backend of BACKENDS) {
  describe(`awsIssuer: identity tokens issued as https://cognito-identity.amazonaws.com (${backend})`, () => {
    let t: TestServer;
    let c: ReturnType<typeof identityClients>;
    before(async () => {
      t = await startTestServer({ backend, config: { awsIssuer: true } });
      c = identityClients(t);
    });
    after(async () => {
      c.destroy();
      await t.close();
    });

    test("GetOpenIdToken's iss and the discovery document use Cognito's issuer; the JWKS still verifies", async () => {
      const up = await userPool(t);
      const poolId = await createIdentityPool(c.admin, {
        CognitoIdentityProviders: [{ ProviderName: up.provider, ClientId: up.clientId }],
      });
      const { idToken } = await signIn(t.idp, up.poolId, up.clientId, "amy");
      assert.equal(decodeJwt(idToken).iss, `https://${up.provider}`);
      const { IdentityId } = await c.anon.send(
        new GetIdCommand({ IdentityPoolId: poolId, Logins: { [up.provider]: idToken } }),
      );
      const { Token } = await c.anon.send(
        new GetOpenIdTokenCommand({ IdentityId, Logins: { [up.provider]: idToken } }),
      );
      const jwks = createRemoteJWKSet(new URL(`${t.url}/identity/.well-known/jwks.json`));
      const { payload } = await jwtVerify(Token!, jwks, {
        issuer: "https://cognito-identity.amazonaws.com",
        audience: poolId,
      });
      assert.equal(payload.sub, IdentityId);
      const doc = (await (await fetch(`${t.url}/identity/.well-known/openid-configuration`)).json()) as {
        issuer: string;
      };
      assert.equal(doc.issuer, "https://cognito-identity.amazonaws.com");
    });
  });
}

import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  type CreateIdentityPoolInput,
} from "@aws-sdk/client-cognito-identity";
import {
  AdminAddUserToGroupCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  type CognitoIdentityProviderClient,
  CreateGroupCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from "jose";
import { createPoolAndClient, createUser, GOOD_PASSWORD } from "../support/fixtures.ts";
import { TEST_KEY, type TestServer } from "../support/server.ts";

/** Identity Pools clients against the test server: `admin` signs with the test key, `anon` as an app would. */
export function identityClients(t: TestServer) {
  const region = t.server.config.region;
  const admin = new CognitoIdentityClient({ endpoint: t.url, region, credentials: TEST_KEY, maxAttempts: 1 });
  const anon = new CognitoIdentityClient({
    endpoint: t.url,
    region,
    credentials: { accessKeyId: "none", secretAccessKey: "none" },
    maxAttempts: 1,
  });
  const destroy = () => {
    admin.destroy();
    anon.destroy();
  };
  return { admin, anon, region, destroy };
}

export async function createIdentityPool(
  admin: CognitoIdentityClient,
  input: Partial<CreateIdentityPoolInput> = {},
): Promise<string> {
  const pool = await admin.send(
    new CreateIdentityPoolCommand({
      IdentityPoolName: "test identities",
      AllowUnauthenticatedIdentities: true,
      ...input,
    }),
  );
  return pool.IdentityPoolId!;
}

/** A user pool with an app client, the provider name an identity pool uses for it, and the issuer host+path form. */
export async function userPool(t: TestServer) {
  const { poolId, clientId } = await createPoolAndClient(t.idp);
  const provider = `cognito-idp.${t.server.config.region}.amazonaws.com/${poolId}`;
  const issuerForm = `${t.url.replace(/^https?:\/\//, "")}/${poolId}`;
  return { poolId, clientId, provider, issuerForm };
}

/** Creates a confirmed user (optionally in groups with role ARNs) and signs in with ADMIN_USER_PASSWORD_AUTH; returns the tokens. */
export async function signIn(
  idp: CognitoIdentityProviderClient,
  poolId: string,
  clientId: string,
  username: string,
  opts: {
    attributes?: Record<string, string>;
    groups?: { name: string; roleArn?: string; precedence?: number }[];
  } = {},
) {
  await createUser(idp, poolId, username, opts.attributes ?? {});
  await idp.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: poolId,
      Username: username,
      Password: GOOD_PASSWORD,
      Permanent: true,
    }),
  );
  for (const g of opts.groups ?? []) {
    await idp
      .send(
        new CreateGroupCommand({
          UserPoolId: poolId,
          GroupName: g.name,
          ...(g.roleArn ? { RoleArn: g.roleArn } : {}),
          ...(g.precedence !== undefined ? { Precedence: g.precedence } : {}),
        }),
      )
      .catch(() => {});
    await idp.send(
      new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: username, GroupName: g.name }),
    );
  }
  return tokensFor(idp, poolId, clientId, username);
}

export async function tokensFor(
  idp: CognitoIdentityProviderClient,
  poolId: string,
  clientId: string,
  username: string,
) {
  const r = await idp.send(
    new AdminInitiateAuthCommand({
      UserPoolId: poolId,
      ClientId: clientId,
      AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: username, PASSWORD: GOOD_PASSWORD },
    }),
  );
  return {
    idToken: r.AuthenticationResult!.IdToken!,
    accessToken: r.AuthenticationResult!.AccessToken!,
    refreshToken: r.AuthenticationResult!.RefreshToken!,
  };
}

/** Verifies an identity-pool OpenID token against the JWKS cognate publishes, as STS would. */
export async function verifyIdentityToken(
  url: string,
  token: string,
  identityPoolId: string,
): Promise<JWTPayload> {
  const jwks = createRemoteJWKSet(new URL(`${url}/identity/.well-known/jwks.json`));
  const { payload } = await jwtVerify(token, jwks, {
    issuer: `${url}/identity`,
    audience: identityPoolId,
    algorithms: ["RS256"],
  });
  return payload;
}

export interface StsCall {
  roleArn: string;
  sessionName: string;
  durationSeconds: string;
  claims?: JWTPayload;
  error?: string;
}

/**
 * A local stand-in for STS's query API: it answers AssumeRoleWithWebIdentity only when the
 * WebIdentityToken verifies against cognate's identity JWKS, and records every call.
 * `refuse` makes it answer AccessDenied, as STS does when a role does not trust the token.
 */
export async function fakeSts(cognateUrl: () => string) {
  const calls: StsCall[] = [];
  const state = { refuse: false };
  const server: Server = createServer(async (req, res) => {
    const form = new URLSearchParams(await readBody(req));
    const call: StsCall = {
      roleArn: form.get("RoleArn") ?? "",
      sessionName: form.get("RoleSessionName") ?? "",
      durationSeconds: form.get("DurationSeconds") ?? "",
    };
    calls.push(call);
    const deny = (code: string, message: string) => {
      call.error = code;
      res.writeHead(400, { "content-type": "text/xml" });
      res.end(
        `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>r</RequestId></ErrorResponse>`,
      );
    };
    if (form.get("Action") !== "AssumeRoleWithWebIdentity") return deny("InvalidAction", "Unknown action");
    try {
      const jwks = createRemoteJWKSet(new URL(`${cognateUrl()}/identity/.well-known/jwks.json`));
      const { payload } = await jwtVerify(form.get("WebIdentityToken") ?? "", jwks, {
        issuer: `${cognateUrl()}/identity`,
        algorithms: ["RS256"],
      });
      call.claims = payload;
    } catch (e) {
      return deny("InvalidIdentityToken", `Couldn't verify: ${(e as Error).message}`);
    }
    if (state.refuse) return deny("AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity");
    const role = call.roleArn.split("/").pop() ?? "role";
    res.writeHead(200, { "content-type": "text/xml" });
    res.end(`<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleWithWebIdentityResult>
    <SubjectFromWebIdentityToken>${call.claims.sub}</SubjectFromWebIdentityToken>
    <Audience>${call.claims.aud}</Audience>
    <AssumedRoleUser><Arn>${call.roleArn}/${call.sessionName}</Arn><AssumedRoleId>AROA:${call.sessionName}</AssumedRoleId></AssumedRoleUser>
    <Credentials>
      <SessionToken>session&amp;token-${role}</SessionToken>
      <SecretAccessKey>secret-${role}</SecretAccessKey>
      <Expiration>2031-01-01T00:00:00Z</Expiration>
      <AccessKeyId>ASIA-${role}</AccessKeyId>
    </Credentials>
    <Provider>${call.claims.iss}</Provider>
  </AssumeRoleWithWebIdentityResult>
  <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>
</AssumeRoleWithWebIdentityResponse>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export const role = (name: string) => `arn:aws:iam::123456789012:role/${name}`;

import assert from "node:assert/strict";
import {
  AdminSetUserPasswordCommand,
  type CognitoIdentityProviderClient,
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  type CreateUserPoolClientRequest,
} from "@aws-sdk/client-cognito-identity-provider";
import { createUser, GOOD_PASSWORD } from "../support/fixtures.ts";

export const CALLBACK = "https://app.example.com/callback";
export const LOGOUT = "https://app.example.com/signed-out";

/** An app client set up for the hosted UI: code and implicit flows, the OIDC scopes, our callback and logout URLs. */
export async function createOAuthClient(
  idp: CognitoIdentityProviderClient,
  poolId: string,
  overrides: Partial<CreateUserPoolClientRequest> = {},
) {
  const { UserPoolClient } = await idp.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: "web-app",
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ["code", "implicit"],
      AllowedOAuthScopes: ["openid", "email", "profile", "aws.cognito.signin.user.admin"],
      CallbackURLs: [CALLBACK],
      LogoutURLs: [LOGOUT],
      SupportedIdentityProviders: ["COGNITO"],
      ...overrides,
    }),
  );
  return { clientId: UserPoolClient!.ClientId!, clientSecret: UserPoolClient!.ClientSecret };
}

export async function createResourceServer(
  idp: CognitoIdentityProviderClient,
  poolId: string,
  identifier: string,
  scopes: string[],
) {
  await idp.send(
    new CreateResourceServerCommand({
      UserPoolId: poolId,
      Identifier: identifier,
      Name: identifier.replace(/[^\w\s+=,.@-]/g, "-"),
      Scopes: scopes.map((s) => ({ ScopeName: s, ScopeDescription: s })),
    }),
  );
}

/** A CONFIRMED user with GOOD_PASSWORD. */
export async function confirmedUser(
  idp: CognitoIdentityProviderClient,
  poolId: string,
  username: string,
  attrs: Record<string, string> = {},
) {
  await createUser(idp, poolId, username, attrs);
  await idp.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: poolId,
      Username: username,
      Password: GOOD_PASSWORD,
      Permanent: true,
    }),
  );
}

/** A browser's cookies for one host, enough for the hosted pages (names are unique per path here). */
export class CookieJar {
  readonly cookies = new Map<string, string>();
  take(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair = ""] = c.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (/max-age=0/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/** Fetches like a browser that does not follow redirects: sends and keeps cookies. */
export async function browse(jar: CookieJar, url: string | URL, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (jar.cookies.size) headers.set("cookie", jar.header());
  const res = await fetch(url, { ...init, headers, redirect: "manual" });
  jar.take(res);
  return res;
}

/** The `_csrf` value of the page's form. */
export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  assert.ok(m, "the page has a CSRF field");
  return m[1]!;
}

/** The absolute URL a 302 points to, resolved against the request URL. */
export function locationOf(res: Response, from: string | URL): URL {
  assert.equal(res.status, 302, `expected a redirect, got ${res.status}`);
  return new URL(res.headers.get("location")!, from);
}

/**
 * Signs in through the hosted pages like a person with a browser: authorize → login page → form
 * POST, following each redirect by hand. Returns the final redirect (the app's callback URL).
 */
export async function signInThroughHostedUi(
  jar: CookieJar,
  authorizeUrl: URL,
  username: string,
  password = GOOD_PASSWORD,
): Promise<URL> {
  const toLogin = locationOf(await browse(jar, authorizeUrl), authorizeUrl);
  assert.match(toLogin.pathname, /\/login$/);
  const page = await browse(jar, toLogin);
  assert.equal(page.status, 200);
  const csrf = csrfOf(await page.text());
  const res = await browse(jar, toLogin, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: csrf, username, password }),
  });
  return locationOf(res, toLogin);
}

export const decodeJwt = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString()) as Record<string, any>;

/** A raw HTTP request with a chosen Host header (a user pool domain), as curl sends it once DNS points at cognate. */
export async function requestWithHost(
  baseUrl: string,
  host: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { request } = await import("node:http");
  const u = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path,
        method: init.method ?? "GET",
        headers: { host, ...init.headers },
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end(init.body);
  });
}

/** A code for `username` through the hosted pages, with optional PKCE challenge and scope. */
export async function codeFor(
  baseUrl: string,
  poolId: string,
  clientId: string,
  username: string,
  extra: Record<string, string> = {},
): Promise<string> {
  const url = new URL(`${baseUrl}/${poolId}/oauth2/authorize`);
  for (const [k, v] of Object.entries({
    response_type: "code",
    client_id: clientId,
    redirect_uri: CALLBACK,
    state: "st",
    ...extra,
  }))
    url.searchParams.set(k, v);
  const callback = await signInThroughHostedUi(new CookieJar(), url, username);
  const code = callback.searchParams.get("code");
  assert.ok(code, `expected a code, got ${callback}`);
  return code;
}

/** POSTs a form to the pool's token endpoint, as the seed's curl command does. */
export async function tokenRequest(
  baseUrl: string,
  poolId: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${baseUrl}/${poolId}/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(form).toString(),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    json: (text ? JSON.parse(text) : {}) as Record<string, any>,
  };
}

export const basic = (id: string, secret: string) => ({
  authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`,
});

// Federation through an external OIDC provider (developer guide, "Adding user pool sign-in through a
// third party", "Linking federated users to an existing user profile"; API reference,
// AdminLinkProviderForUser, AdminDisableProviderForUser). The external provider is a real one: a
// second pool on the same server, with a confidential client whose callback is the first pool's
// /oauth2/idpresponse. Every redirect is followed by hand, with per-path cookies as a browser keeps them.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AdminDisableProviderForUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminLinkProviderForUserCommand,
  AdminUpdateUserAttributesCommand,
  CreateIdentityProviderCommand,
  CreateUserPoolDomainCommand,
  ListUsersCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";
import { Browser, signInOnLoginPage } from "./federation-helpers.ts";
import {
  CALLBACK,
  confirmedUser,
  createOAuthClient,
  decodeJwt,
  requestWithHost,
  tokenRequest,
} from "./helpers.ts";

for (const backend of BACKENDS) {
  describe(`federation through an OIDC provider (${backend})`, () => {
    let t: TestServer;
    let idpPool: string;
    let spPool: string;
    let spClient: string;
    let cognitoOnlyClient: string;
    let idpResponse: string;

    const idpSub = async (username: string) =>
      (
        await t.idp.send(new AdminGetUserCommand({ UserPoolId: idpPool, Username: username }))
      ).UserAttributes!.find((a) => a.Name === "sub")!.Value!;
    const attributesOf = async (username: string) => {
      const u = await t.idp.send(new AdminGetUserCommand({ UserPoolId: spPool, Username: username }));
      return { user: u, attrs: Object.fromEntries(u.UserAttributes!.map((a) => [a.Name!, a.Value!])) };
    };
    const authorizeUrl = (params: Record<string, string>, clientId = spClient) => {
      const u = new URL(`${t.url}/${spPool}/oauth2/authorize`);
      const all = {
        response_type: "code",
        client_id: clientId,
        redirect_uri: CALLBACK,
        scope: "openid email profile",
        state: "app-state",
        ...params,
      };
      for (const [k, v] of Object.entries(all)) u.searchParams.set(k, v);
      return u;
    };
    /** The app's callback after an error, as `{ error, error_description, state }`. */
    const errorAt = (callback: URL) => {
      assert.equal(`${callback.origin}${callback.pathname}`, CALLBACK);
      return {
        error: callback.searchParams.get("error"),
        error_description: callback.searchParams.get("error_description"),
        state: callback.searchParams.get("state"),
      };
    };

    /** authorize at the app's pool → the provider → (its login page) → idpresponse → the app's callback. */
    async function federatedSignIn(browser: Browser, username: string, params: Record<string, string> = {}) {
      const start = authorizeUrl({ identity_provider: "Corp", ...params });
      const atIdp = await browser.follow(start);
      assert.equal(`${atIdp.origin}${atIdp.pathname}`, `${t.url}/${idpPool}/oauth2/authorize`);
      let next = await browser.follow(atIdp);
      // Without a session at the provider, its sign-in page comes first.
      if (next.pathname.endsWith("/login")) next = await signInOnLoginPage(browser, next, username);
      assert.equal(`${next.origin}${next.pathname}`, idpResponse);
      return browser.follow(next);
    }
    async function tokensFrom(callback: URL) {
      const code = callback.searchParams.get("code");
      assert.ok(code, `expected a code, got ${callback}`);
      const r = await tokenRequest(t.url, spPool, {
        grant_type: "authorization_code",
        client_id: spClient,
        code,
        redirect_uri: CALLBACK,
      });
      assert.equal(r.status, 200, JSON.stringify(r.json));
      return { id: decodeJwt(r.json.id_token), access: decodeJwt(r.json.access_token), raw: r.json };
    }

    before(async () => {
      t = await startTestServer({ backend });
      ({ poolId: idpPool } = await createPoolAndClient(t.idp, { PoolName: "external-idp" }));
      ({ poolId: spPool } = await createPoolAndClient(t.idp, { PoolName: "app-pool" }));
      idpResponse = `${t.url}/${spPool}/oauth2/idpresponse`;
      const idpClient = await createOAuthClient(t.idp, idpPool, {
        ClientName: "cognate-federation",
        GenerateSecret: true,
        AllowedOAuthFlows: ["code"],
        AllowedOAuthScopes: ["openid", "email", "profile"],
        CallbackURLs: [idpResponse],
      });
      await confirmedUser(t.idp, idpPool, "erin", {
        email: "erin@corp.example",
        email_verified: "true",
        name: "Erin Corp",
      });
      await confirmedUser(t.idp, idpPool, "frank", { email: "frank@corp.example", name: "Frank Corp" });
      const details = {
        client_id: idpClient.clientId,
        client_secret: idpClient.clientSecret!,
        authorize_scopes: "openid email profile",
        oidc_issuer: `${t.url}/${idpPool}`,
        attributes_request_method: "GET",
      };
      await t.idp.send(
        new CreateIdentityProviderCommand({
          UserPoolId: spPool,
          ProviderName: "Corp",
          ProviderType: "OIDC",
          ProviderDetails: details,
          AttributeMapping: { email: "email", email_verified: "email_verified", name: "name" },
          IdpIdentifiers: ["corp.example"],
        }),
      );
      // The same provider, but told to expect another issuer: its ID tokens must then fail verification.
      await t.idp.send(
        new CreateIdentityProviderCommand({
          UserPoolId: spPool,
          ProviderName: "WrongIssuer",
          ProviderType: "OIDC",
          ProviderDetails: {
            ...details,
            oidc_issuer: "https://issuer.invalid",
            authorize_url: `${t.url}/${idpPool}/oauth2/authorize`,
            token_url: `${t.url}/${idpPool}/oauth2/token`,
            jwks_uri: `${t.url}/${idpPool}/.well-known/jwks.json`,
          },
        }),
      );
      await t.idp.send(
        new CreateIdentityProviderCommand({
          UserPoolId: spPool,
          ProviderName: "Google",
          ProviderType: "Google",
          ProviderDetails: { client_id: "g", client_secret: "s", authorize_scopes: "openid email" },
        }),
      );
      ({ clientId: spClient } = await createOAuthClient(t.idp, spPool, {
        SupportedIdentityProviders: ["COGNITO", "Corp", "WrongIssuer", "Google"],
      }));
      ({ clientId: cognitoOnlyClient } = await createOAuthClient(t.idp, spPool));
    });
    after(() => t.close());

    test("first sign-in creates Corp_<sub>, EXTERNAL_PROVIDER, with mapped attributes and the identities claim", async () => {
      const sub = await idpSub("erin");
      const browser = new Browser();
      const start = authorizeUrl({ identity_provider: "Corp", nonce: "app-nonce" });
      const atIdp = await browser.follow(start);
      // The provider gets its own client id, our idpresponse, PKCE S256, a nonce and an opaque state.
      assert.equal(atIdp.searchParams.get("redirect_uri"), idpResponse);
      assert.equal(atIdp.searchParams.get("response_type"), "code");
      assert.equal(atIdp.searchParams.get("scope"), "openid email profile");
      assert.equal(atIdp.searchParams.get("code_challenge_method"), "S256");
      assert.match(atIdp.searchParams.get("code_challenge") ?? "", /^[\w-]{43}$/);
      assert.ok(atIdp.searchParams.get("nonce"));
      assert.notEqual(atIdp.searchParams.get("nonce"), "app-nonce");
      assert.ok(!atIdp.searchParams.get("state")!.includes("app-state"), "the state is sealed");
      const login = await browser.follow(atIdp);
      const back = await signInOnLoginPage(browser, login, "erin");
      assert.equal(`${back.origin}${back.pathname}`, idpResponse);
      const callback = await browser.follow(back);
      assert.equal(callback.searchParams.get("state"), "app-state");

      const { id, access } = await tokensFrom(callback);
      assert.equal(id["cognito:username"], `Corp_${sub}`);
      assert.equal(access.username, `Corp_${sub}`);
      assert.equal(id.email, "erin@corp.example");
      assert.equal(id.email_verified, true);
      assert.equal(id.name, "Erin Corp");
      assert.equal(id.nonce, "app-nonce");
      assert.equal(id.aud, spClient);
      assert.equal(id.iss, `${t.url}/${spPool}`);
      assert.notEqual(id.sub, sub, "the federated user has a sub of its own");
      // The developer guide's ID token example: an array, primary and dateCreated as strings.
      assert.equal(id.identities.length, 1);
      const [identity] = id.identities;
      assert.deepEqual(
        { ...identity, dateCreated: undefined },
        {
          userId: sub,
          providerName: "Corp",
          providerType: "OIDC",
          issuer: null,
          primary: "true",
          dateCreated: undefined,
        },
      );
      assert.match(identity.dateCreated, /^\d{13}$/);

      const { user, attrs } = await attributesOf(`Corp_${sub}`);
      assert.equal(user.UserStatus, "EXTERNAL_PROVIDER");
      assert.equal(attrs.sub, id.sub);
      assert.equal(attrs.email, "erin@corp.example");
      // The attribute is a JSON array string.
      assert.deepEqual(JSON.parse(attrs.identities!), [
        {
          userId: sub,
          providerName: "Corp",
          providerType: "OIDC",
          issuer: null,
          primary: true,
          dateCreated: Number(identity.dateCreated),
        },
      ]);

      // The federated sign-in started a hosted-UI session at the app's pool: no page the next time.
      const again = await browser.follow(authorizeUrl({}));
      assert.equal(`${again.origin}${again.pathname}`, CALLBACK);
      assert.equal((await tokensFrom(again)).id.sub, id.sub);
    });

    test("a second sign-in reuses the user and refreshes its mapped attributes", async () => {
      const sub = await idpSub("erin");
      const first = await tokensFrom(await federatedSignIn(new Browser(), "erin"));
      await t.idp.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: idpPool,
          Username: "erin",
          UserAttributes: [{ Name: "name", Value: "Erin Renamed" }],
        }),
      );
      const browser = new Browser();
      await federatedSignIn(browser, "erin");
      // Same browser: the provider's own session answers without its page.
      const second = await tokensFrom(await federatedSignIn(browser, "erin"));
      assert.equal(second.id.sub, first.id.sub);
      assert.equal(second.id.name, "Erin Renamed");
      const { Users } = await t.idp.send(
        new ListUsersCommand({ UserPoolId: spPool, Filter: `username = "Corp_${sub}"` }),
      );
      assert.equal(Users!.length, 1);
    });

    test("idp_identifier names the provider; the sign-in page offers the client's OIDC providers", async () => {
      const browser = new Browser();
      const viaIdentifier = await browser.follow(authorizeUrl({ idp_identifier: "corp.example" }));
      assert.equal(
        `${viaIdentifier.origin}${viaIdentifier.pathname}`,
        `${t.url}/${idpPool}/oauth2/authorize`,
      );

      const login = await browser.follow(authorizeUrl({}));
      const html = await (await browser.fetch(login)).text();
      assert.match(html, />Sign in with Corp</);
      assert.match(html, />Sign in with WrongIssuer</);
      assert.doesNotMatch(
        html,
        /Sign in with Google/,
        "no button for a provider cognate cannot sign in with",
      );
      const href = /href="([^"]*identity_provider=Corp[^"]*)"/.exec(html)![1]!.replaceAll("&amp;", "&");
      const viaButton = await browser.follow(new URL(href, login));
      assert.equal(`${viaButton.origin}${viaButton.pathname}`, `${t.url}/${idpPool}/oauth2/authorize`);

      const other = await new Browser().fetch(
        await new Browser().follow(authorizeUrl({}, cognitoOnlyClient)),
      );
      assert.doesNotMatch(await other.text(), /Sign in with/);
    });

    test("AdminLinkProviderForUser: a later federated sign-in lands on the native user; AdminDisableProviderForUser removes the link", async () => {
      const sub = await idpSub("frank");
      await confirmedUser(t.idp, spPool, "frank.native", { email: "frank@corp.example" });
      const link = () =>
        t.idp.send(
          new AdminLinkProviderForUserCommand({
            UserPoolId: spPool,
            DestinationUser: { ProviderName: "Cognito", ProviderAttributeValue: "frank.native" },
            SourceUser: {
              ProviderName: "Corp",
              ProviderAttributeName: "Cognito_Subject",
              ProviderAttributeValue: sub,
            },
          }),
        );
      await link();
      await rejectsWith(
        link(),
        "InvalidParameterException",
        "SourceUser is already linked to DestinationUser",
      );
      const native = await attributesOf("frank.native");
      const linked = JSON.parse(native.attrs.identities!);
      assert.deepEqual(
        { ...linked[0], dateCreated: 0 },
        {
          userId: sub,
          providerName: "Corp",
          providerType: "OIDC",
          issuer: null,
          primary: false,
          dateCreated: 0,
        },
      );

      const viaLink = await tokensFrom(await federatedSignIn(new Browser(), "frank"));
      assert.equal(viaLink.id["cognito:username"], "frank.native");
      assert.equal(viaLink.id.sub, native.attrs.sub);
      assert.equal(viaLink.id.identities[0].providerName, "Corp");
      assert.equal(viaLink.id.identities[0].primary, "false");
      await rejectsWith(
        t.idp.send(new AdminGetUserCommand({ UserPoolId: spPool, Username: `Corp_${sub}` })),
        "UserNotFoundException",
      );

      await t.idp.send(
        new AdminDisableProviderForUserCommand({
          UserPoolId: spPool,
          User: {
            ProviderName: "Corp",
            ProviderAttributeName: "Cognito_Subject",
            ProviderAttributeValue: sub,
          },
        }),
      );
      assert.equal((await attributesOf("frank.native")).attrs.identities, undefined);
      const unlinked = await tokensFrom(await federatedSignIn(new Browser(), "frank"));
      assert.equal(unlinked.id["cognito:username"], `Corp_${sub}`);
      assert.notEqual(unlinked.id.sub, native.attrs.sub);
      // Now that Corp_<sub> exists, it cannot be linked any more.
      await rejectsWith(
        link(),
        "InvalidParameterException",
        "Merging is not currently supported, provide a SourceUser that has not been signed up in order to link",
      );
    });

    test("a link on a mapped attribute (email) also lands the sign-in on the native user", async () => {
      await confirmedUser(t.idp, idpPool, "gina", { email: "gina@corp.example" });
      await confirmedUser(t.idp, spPool, "gina.native", { email: "gina@corp.example" });
      await t.idp.send(
        new AdminLinkProviderForUserCommand({
          UserPoolId: spPool,
          DestinationUser: { ProviderName: "Cognito", ProviderAttributeValue: "gina.native" },
          SourceUser: {
            ProviderName: "Corp",
            ProviderAttributeName: "email",
            ProviderAttributeValue: "gina@corp.example",
          },
        }),
      );
      const { id } = await tokensFrom(await federatedSignIn(new Browser(), "gina"));
      assert.equal(id["cognito:username"], "gina.native");
    });

    test("AdminDisableProviderForUser on a federated user disables it: its next sign-in is refused", async () => {
      const sub = await idpSub("erin");
      await t.idp.send(
        new AdminDisableProviderForUserCommand({
          UserPoolId: spPool,
          User: {
            ProviderName: "Corp",
            ProviderAttributeName: "Cognito_Subject",
            ProviderAttributeValue: sub,
          },
        }),
      );
      assert.equal((await attributesOf(`Corp_${sub}`)).user.Enabled, false);
      assert.deepEqual(errorAt(await federatedSignIn(new Browser(), "erin")), {
        error: "invalid_request",
        error_description: "User is disabled.",
        state: "app-state",
      });
      await t.idp.send(new AdminEnableUserCommand({ UserPoolId: spPool, Username: `Corp_${sub}` }));
      assert.ok((await federatedSignIn(new Browser(), "erin")).searchParams.get("code"));
      await t.idp.send(new AdminDisableUserCommand({ UserPoolId: spPool, Username: `Corp_${sub}` }));
      assert.equal(
        errorAt(await federatedSignIn(new Browser(), "erin")).error_description,
        "User is disabled.",
      );
      await t.idp.send(new AdminEnableUserCommand({ UserPoolId: spPool, Username: `Corp_${sub}` }));
      await rejectsWith(
        t.idp.send(
          new AdminDisableProviderForUserCommand({
            UserPoolId: spPool,
            User: {
              ProviderName: "Corp",
              ProviderAttributeName: "Cognito_Subject",
              ProviderAttributeValue: "nobody",
            },
          }),
        ),
        "UserNotFoundException",
        "User does not exist.",
      );
    });

    test("an unknown provider, or one the client does not support, goes back to the app as an error", async () => {
      const b = new Browser();
      assert.deepEqual(errorAt(await b.follow(authorizeUrl({ identity_provider: "Nope" }))), {
        error: "invalid_request",
        error_description: "identity provider Nope does not exist",
        state: "app-state",
      });
      assert.deepEqual(errorAt(await b.follow(authorizeUrl({ idp_identifier: "nowhere.example" }))), {
        error: "invalid_request",
        error_description: "no identity provider has the identifier nowhere.example",
        state: "app-state",
      });
      assert.deepEqual(
        errorAt(await b.follow(authorizeUrl({ identity_provider: "Corp" }, cognitoOnlyClient))),
        {
          error: "unauthorized_client",
          error_description: "the client does not support identity provider Corp",
          state: "app-state",
        },
      );
      assert.deepEqual(errorAt(await b.follow(authorizeUrl({ identity_provider: "Google" }))), {
        error: "invalid_request",
        error_description:
          "cognate does not sign in with Google providers; configure Google as an OIDC provider",
        state: "app-state",
      });
    });

    test("a tampered state, or one from another browser, shows the error page and issues nothing", async () => {
      const browser = new Browser();
      const atIdp = await browser.follow(authorizeUrl({ identity_provider: "Corp" }));
      const back = await signInOnLoginPage(browser, await browser.follow(atIdp), "erin");
      const state = back.searchParams.get("state")!;

      const tampered = new URL(back);
      const flipped = state.slice(0, 20) + (state[20] === "A" ? "B" : "A") + state.slice(21);
      tampered.searchParams.set("state", flipped);
      const res = await browser.fetch(tampered);
      assert.equal(res.status, 400);
      assert.match(await res.text(), /could not be matched to a sign-in started in this browser/);

      const elsewhere = await new Browser().fetch(back);
      assert.equal(elsewhere.status, 400);

      // The untouched response still works once, in the browser that started it.
      const callback = await browser.follow(back);
      assert.ok(callback.searchParams.get("code"));
      // A replay reaches the provider's token endpoint with a used code.
      const replay = errorAt(await browser.follow(back));
      assert.equal(replay.error, "invalid_request");
      assert.match(replay.error_description!, /token endpoint answered HTTP 400 invalid_grant/);
    });

    test("an error from the provider goes back to the app with the app's state", async () => {
      const browser = new Browser();
      const atIdp = await browser.follow(authorizeUrl({ identity_provider: "Corp" }));
      const denied = new URL(idpResponse);
      denied.searchParams.set("error", "access_denied");
      denied.searchParams.set("error_description", "The user said no");
      denied.searchParams.set("state", atIdp.searchParams.get("state")!);
      assert.deepEqual(errorAt(await browser.follow(denied)), {
        error: "access_denied",
        error_description: "the identity provider answered access_denied: The user said no",
        state: "app-state",
      });
    });

    test("an ID token from another issuer than the provider's is refused", async () => {
      const browser = new Browser();
      const atIdp = await browser.follow(authorizeUrl({ identity_provider: "WrongIssuer" }));
      const back = await signInOnLoginPage(browser, await browser.follow(atIdp), "erin");
      assert.deepEqual(errorAt(await browser.follow(back)), {
        error: "invalid_request",
        error_description: "the identity provider's ID token is not valid",
        state: "app-state",
      });
    });

    test("on a domain host the provider returns to <domain>/oauth2/idpresponse", async () => {
      await t.idp.send(new CreateUserPoolDomainCommand({ UserPoolId: spPool, Domain: `app-${backend}-fed` }));
      const host = `app-${backend}-fed.auth.${await t.idp.config.region()}.amazoncognito.com`;
      const query = authorizeUrl({ identity_provider: "Corp" }).searchParams;
      const r = await requestWithHost(t.url, host, `/oauth2/authorize?${query}`);
      assert.equal(r.status, 302);
      const atIdp = new URL(String(r.headers.location));
      assert.equal(atIdp.searchParams.get("redirect_uri"), `http://${host}/oauth2/idpresponse`);
      const bad = await requestWithHost(t.url, host, "/oauth2/idpresponse?code=x&state=y");
      assert.equal(bad.status, 400);
    });
  });
}

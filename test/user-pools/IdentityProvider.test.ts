// CreateIdentityProvider, DescribeIdentityProvider, UpdateIdentityProvider, DeleteIdentityProvider,
// ListIdentityProviders, GetIdentityProviderByIdentifier (API reference; ProviderDetails keys per type
// from CreateIdentityProvider's ProviderDetails).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  CreateIdentityProviderCommand,
  type CreateIdentityProviderRequest,
  CreateUserPoolCommand,
  DeleteIdentityProviderCommand,
  DescribeIdentityProviderCommand,
  GetIdentityProviderByIdentifierCommand,
  ListIdentityProvidersCommand,
  UpdateIdentityProviderCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";

const DETAILS = {
  client_id: "idp-client",
  client_secret: "idp-secret",
  authorize_scopes: "openid email profile",
  oidc_issuer: "https://login.example.com/",
};

for (const backend of BACKENDS) {
  describe(`identity providers (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    const create = (over: Partial<CreateIdentityProviderRequest> = {}) =>
      t.idp.send(
        new CreateIdentityProviderCommand({
          UserPoolId: poolId,
          ProviderName: "Corp",
          ProviderType: "OIDC",
          ProviderDetails: DETAILS,
          ...over,
        }),
      );
    const names = async () =>
      (await t.idp.send(new ListIdentityProvidersCommand({ UserPoolId: poolId }))).Providers!.map(
        (p) => p.ProviderName,
      );

    before(async () => {
      t = await startTestServer({ backend });
      const { UserPool } = await t.idp.send(
        new CreateUserPoolCommand({
          PoolName: "federation",
          Schema: [{ Name: "tenant", AttributeDataType: "String", Mutable: true }],
        }),
      );
      poolId = UserPool!.Id!;
    });
    after(() => t.close());

    test("CreateIdentityProvider stores an OIDC provider with Cognito's defaults; Describe and GetIdentityProviderByIdentifier read it back", async () => {
      const r = await create({
        ProviderName: "Okta",
        AttributeMapping: { email: "email", "custom:tenant": "org" },
        IdpIdentifiers: ["example.com", "corp"],
      });
      const p = r.IdentityProvider!;
      assert.equal(p.UserPoolId, poolId);
      assert.equal(p.ProviderName, "Okta");
      assert.equal(p.ProviderType, "OIDC");
      // attributes_request_method defaults to GET; the issuer is kept without its trailing slash.
      assert.deepEqual(p.ProviderDetails, {
        ...DETAILS,
        oidc_issuer: "https://login.example.com",
        attributes_request_method: "GET",
      });
      // The provider's user id maps to username unless the mapping says otherwise.
      assert.deepEqual(p.AttributeMapping, { username: "sub", email: "email", "custom:tenant": "org" });
      assert.deepEqual(p.IdpIdentifiers, ["example.com", "corp"]);
      assert.ok(p.CreationDate instanceof Date && p.LastModifiedDate instanceof Date);

      const d = await t.idp.send(
        new DescribeIdentityProviderCommand({ UserPoolId: poolId, ProviderName: "Okta" }),
      );
      assert.deepEqual(d.IdentityProvider, p);
      const byId = await t.idp.send(
        new GetIdentityProviderByIdentifierCommand({ UserPoolId: poolId, IdpIdentifier: "corp" }),
      );
      assert.equal(byId.IdentityProvider!.ProviderName, "Okta");
    });

    test("a second provider with the same name is DuplicateProviderException", async () => {
      await create({ ProviderName: "Twice" });
      await rejectsWith(
        create({ ProviderName: "Twice" }),
        "DuplicateProviderException",
        "A provider with the name Twice already exists in this user pool.",
      );
    });

    test("IdpIdentifiers are unique in the pool: a taken one writes nothing", async () => {
      await rejectsWith(
        create({ ProviderName: "Other", IdpIdentifiers: ["fresh", "corp"] }),
        "InvalidParameterException",
        "One of the IdpIdentifiers is already used by another provider of this user pool.",
      );
      assert.ok(!(await names()).includes("Other"));
      await rejectsWith(
        t.idp.send(
          new GetIdentityProviderByIdentifierCommand({ UserPoolId: poolId, IdpIdentifier: "fresh" }),
        ),
        "ResourceNotFoundException",
        "No identity provider has the identifier fresh.",
      );
      await rejectsWith(
        create({ ProviderName: "Other", IdpIdentifiers: ["a", "a"] }),
        "InvalidParameterException",
        "Duplicate IdpIdentifier a.",
      );
    });

    test("SAML is refused with a clear message", async () => {
      await rejectsWith(
        create({ ProviderName: "Adfs", ProviderType: "SAML", ProviderDetails: { MetadataURL: "https://x" } }),
        "InvalidParameterException",
        "cognate does not support SAML identity providers yet; configure an OIDC provider instead.",
      );
    });

    test("ProviderDetails are checked per type", async () => {
      const { client_id: _, ...noClient } = DETAILS;
      await rejectsWith(
        create({ ProviderName: "NoClient", ProviderDetails: noClient }),
        "InvalidParameterException",
        "ProviderDetails of a OIDC provider must include client_id.",
      );
      await rejectsWith(
        create({ ProviderName: "NoOpenid", ProviderDetails: { ...DETAILS, authorize_scopes: "email" } }),
        "InvalidParameterException",
        "authorize_scopes of an OIDC provider must include openid.",
      );
      await rejectsWith(
        create({ ProviderName: "BadUrl", ProviderDetails: { ...DETAILS, oidc_issuer: "ftp://x" } }),
        "InvalidParameterException",
        "oidc_issuer must be an http or https URL.",
      );
      await rejectsWith(
        create({ ProviderName: "Google", ProviderType: "Google", ProviderDetails: { client_id: "g" } }),
        "InvalidParameterException",
        "ProviderDetails of a Google provider must include client_secret.",
      );
    });

    test("social providers are named after their type and map username to their user id", async () => {
      await rejectsWith(
        create({ ProviderName: "MyGoogle", ProviderType: "Google" }),
        "InvalidParameterException",
        "The provider name of a Google provider must be Google.",
      );
      await rejectsWith(
        create({ ProviderName: "Facebook" }),
        "InvalidParameterException",
        "The provider name Facebook is reserved.",
      );
      const r = await create({
        ProviderName: "Facebook",
        ProviderType: "Facebook",
        ProviderDetails: { client_id: "f", client_secret: "s", authorize_scopes: "public_profile,email" },
      });
      assert.deepEqual(r.IdentityProvider!.AttributeMapping, { username: "id" });
    });

    test("AttributeMapping may name only attributes of the pool, never sub", async () => {
      for (const attr of ["favourite_colour", "sub", "custom:missing"]) {
        await rejectsWith(
          create({ ProviderName: "Mapped", AttributeMapping: { [attr]: "x" } }),
          "InvalidParameterException",
          `The attribute ${attr} cannot be mapped: it is not a writable attribute of the user pool.`,
        );
      }
    });

    test("the model's ProviderName pattern applies before the handler", async () => {
      await rejectsWith(
        create({ ProviderName: "_x" }),
        "InvalidParameterException",
        /at 'providerName' failed to satisfy constraint/,
      );
    });

    test("UpdateIdentityProvider merges ProviderDetails and replaces the mapping and identifiers", async () => {
      await create({ ProviderName: "Upd", IdpIdentifiers: ["upd-old"] });
      const r = await t.idp.send(
        new UpdateIdentityProviderCommand({
          UserPoolId: poolId,
          ProviderName: "Upd",
          ProviderDetails: { client_secret: "rotated" },
          AttributeMapping: { name: "name" },
          IdpIdentifiers: ["upd-new"],
        }),
      );
      const p = r.IdentityProvider!;
      assert.equal(p.ProviderDetails!.client_secret, "rotated");
      assert.equal(p.ProviderDetails!.client_id, "idp-client");
      assert.deepEqual(p.AttributeMapping, { username: "sub", name: "name" });
      assert.deepEqual(p.IdpIdentifiers, ["upd-new"]);
      const d = await t.idp.send(
        new DescribeIdentityProviderCommand({ UserPoolId: poolId, ProviderName: "Upd" }),
      );
      assert.deepEqual(d.IdentityProvider, p);
      await rejectsWith(
        t.idp.send(
          new GetIdentityProviderByIdentifierCommand({ UserPoolId: poolId, IdpIdentifier: "upd-old" }),
        ),
        "ResourceNotFoundException",
      );
      await rejectsWith(
        t.idp.send(
          new UpdateIdentityProviderCommand({
            UserPoolId: poolId,
            ProviderName: "Upd",
            IdpIdentifiers: ["corp"],
          }),
        ),
        "InvalidParameterException",
        "One of the IdpIdentifiers is already used by another provider of this user pool.",
      );
      await rejectsWith(
        t.idp.send(new UpdateIdentityProviderCommand({ UserPoolId: poolId, ProviderName: "Nope" })),
        "ResourceNotFoundException",
        "Identity provider Nope does not exist.",
      );
    });

    test("ListIdentityProviders pages by name", async () => {
      const all = await names();
      assert.deepEqual(all, [...all].sort());
      const first = await t.idp.send(new ListIdentityProvidersCommand({ UserPoolId: poolId, MaxResults: 2 }));
      assert.equal(first.Providers!.length, 2);
      assert.ok(first.NextToken);
      assert.deepEqual(Object.keys(first.Providers![0]!).sort(), [
        "CreationDate",
        "LastModifiedDate",
        "ProviderName",
        "ProviderType",
      ]);
      const rest = await t.idp.send(
        new ListIdentityProvidersCommand({ UserPoolId: poolId, MaxResults: 60, NextToken: first.NextToken }),
      );
      assert.deepEqual(
        [...first.Providers!, ...rest.Providers!].map((p) => p.ProviderName),
        all,
      );
      assert.equal(rest.NextToken, undefined);
    });

    test("DeleteIdentityProvider removes the provider and its identifiers", async () => {
      await create({ ProviderName: "Gone", IdpIdentifiers: ["gone-id"] });
      await t.idp.send(new DeleteIdentityProviderCommand({ UserPoolId: poolId, ProviderName: "Gone" }));
      await rejectsWith(
        t.idp.send(new DescribeIdentityProviderCommand({ UserPoolId: poolId, ProviderName: "Gone" })),
        "ResourceNotFoundException",
        "Identity provider Gone does not exist.",
      );
      await rejectsWith(
        t.idp.send(
          new GetIdentityProviderByIdentifierCommand({ UserPoolId: poolId, IdpIdentifier: "gone-id" }),
        ),
        "ResourceNotFoundException",
      );
      await rejectsWith(
        t.idp.send(new DeleteIdentityProviderCommand({ UserPoolId: poolId, ProviderName: "Gone" })),
        "ResourceNotFoundException",
      );
      // The identifier is free again.
      await create({ ProviderName: "Back", IdpIdentifiers: ["gone-id"] });
    });

    test("an unknown pool is ResourceNotFoundException", async () => {
      await rejectsWith(
        t.idp.send(new ListIdentityProvidersCommand({ UserPoolId: "us-east-1_nothere" })),
        "ResourceNotFoundException",
        "User pool us-east-1_nothere does not exist.",
      );
      await rejectsWith(create({ UserPoolId: "us-east-1_nothere" }), "ResourceNotFoundException");
    });
  });
}

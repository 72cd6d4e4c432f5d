// CreateUserPoolDomain, DescribeUserPoolDomain, UpdateUserPoolDomain, DeleteUserPoolDomain
// (API reference; DomainDescriptionType).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  CreateUserPoolDomainCommand,
  DeleteUserPoolCommand,
  DeleteUserPoolDomainCommand,
  DescribeUserPoolDomainCommand,
  UpdateUserPoolDomainCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";

for (const backend of BACKENDS) {
  describe(`user pool domains (${backend})`, () => {
    let t: TestServer;
    let poolId: string;
    let otherPoolId: string;
    before(async () => {
      t = await startTestServer({ backend });
      ({ poolId } = await createPoolAndClient(t.idp));
      ({ poolId: otherPoolId } = await createPoolAndClient(t.idp));
    });
    after(() => t.close());

    test("a prefix domain is created and described with Cognito's DomainDescription members", async () => {
      const created = await t.idp.send(
        new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: "acme-login" }),
      );
      assert.equal(created.ManagedLoginVersion, 1);
      assert.equal(created.CloudFrontDomain, undefined, "only custom domains answer a CloudFront name");
      const { DomainDescription: d } = await t.idp.send(
        new DescribeUserPoolDomainCommand({ Domain: "acme-login" }),
      );
      assert.equal(d?.UserPoolId, poolId);
      assert.equal(d?.Domain, "acme-login");
      assert.equal(d?.Status, "ACTIVE");
      assert.equal(d?.ManagedLoginVersion, 1);
      assert.match(d?.AWSAccountId ?? "", /^[0-9]{12}$/);
      assert.match(d?.CloudFrontDistribution ?? "", /\.cloudfront\.net$/);
      assert.match(d?.Version ?? "", /^[0-9]{14}$/);
      assert.equal(d?.CustomDomainConfig, undefined);
    });

    test("an unknown domain is described as an empty DomainDescription, not an error", async () => {
      const r = await t.idp.send(new DescribeUserPoolDomainCommand({ Domain: "nobody-has-this" }));
      assert.deepEqual(r.DomainDescription, {});
    });

    test("a domain is unique across pools; a pool has one prefix domain", async () => {
      await rejectsWith(
        t.idp.send(new CreateUserPoolDomainCommand({ UserPoolId: otherPoolId, Domain: "acme-login" })),
        "InvalidParameterException",
        "Domain already associated with another user pool.",
      );
      await rejectsWith(
        t.idp.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: "acme-second" })),
        "InvalidParameterException",
        "User pool already has a domain configured.",
      );
    });

    test("reserved words and the prefix pattern are refused", async () => {
      await rejectsWith(
        t.idp.send(new CreateUserPoolDomainCommand({ UserPoolId: otherPoolId, Domain: "my-aws-login" })),
        "InvalidParameterException",
        "Domain cannot contain reserved word: aws",
      );
      await rejectsWith(
        t.idp.send(new CreateUserPoolDomainCommand({ UserPoolId: otherPoolId, Domain: "Upper-Case" })),
        "InvalidParameterException",
        /^1 validation error detected: Value 'Upper-Case' at 'domain' failed to satisfy constraint: Member must satisfy regular expression pattern/,
      );
      await rejectsWith(
        t.idp.send(new CreateUserPoolDomainCommand({ UserPoolId: "us-east-1_nope", Domain: "fresh-one" })),
        "ResourceNotFoundException",
        "User pool us-east-1_nope does not exist.",
      );
    });

    test("UpdateUserPoolDomain changes the managed-login version; other pools cannot touch the domain", async () => {
      const r = await t.idp.send(
        new UpdateUserPoolDomainCommand({ UserPoolId: poolId, Domain: "acme-login", ManagedLoginVersion: 2 }),
      );
      assert.equal(r.ManagedLoginVersion, 2);
      const { DomainDescription: d } = await t.idp.send(
        new DescribeUserPoolDomainCommand({ Domain: "acme-login" }),
      );
      assert.equal(d?.ManagedLoginVersion, 2);
      await rejectsWith(
        t.idp.send(
          new UpdateUserPoolDomainCommand({
            UserPoolId: otherPoolId,
            Domain: "acme-login",
            ManagedLoginVersion: 1,
          }),
        ),
        "InvalidParameterException",
        "No such domain or user pool exists.",
      );
    });

    test("DeleteUserPoolDomain frees the name; deleting again is refused", async () => {
      await rejectsWith(
        t.idp.send(new DeleteUserPoolDomainCommand({ UserPoolId: otherPoolId, Domain: "acme-login" })),
        "InvalidParameterException",
        "No such domain or user pool exists.",
      );
      await t.idp.send(new DeleteUserPoolDomainCommand({ UserPoolId: poolId, Domain: "acme-login" }));
      assert.deepEqual(
        (await t.idp.send(new DescribeUserPoolDomainCommand({ Domain: "acme-login" }))).DomainDescription,
        {},
      );
      await rejectsWith(
        t.idp.send(new DeleteUserPoolDomainCommand({ UserPoolId: poolId, Domain: "acme-login" })),
        "InvalidParameterException",
        "No such domain or user pool exists.",
      );
      await t.idp.send(new CreateUserPoolDomainCommand({ UserPoolId: otherPoolId, Domain: "acme-login" }));
      assert.equal(
        (await t.idp.send(new DescribeUserPoolDomainCommand({ Domain: "acme-login" }))).DomainDescription
          ?.UserPoolId,
        otherPoolId,
      );
    });
  });
}

// Cognito refuses to delete a pool that still has a domain (seen as Terraform's "Error deleting
// Cognito User Pool: InvalidParameterException: User pool cannot be deleted. It has a domain …").
describe("DeleteUserPool with a domain", () => {
  test("is refused until the domain is deleted", async () => {
    const t = await startTestServer();
    try {
      const { poolId } = await createPoolAndClient(t.idp);
      await t.idp.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: "doomed-pool" }));
      await rejectsWith(
        t.idp.send(new DeleteUserPoolCommand({ UserPoolId: poolId })),
        "InvalidParameterException",
        "User pool cannot be deleted. It has a domain configured that should be deleted first.",
      );
      await t.idp.send(new DeleteUserPoolDomainCommand({ UserPoolId: poolId, Domain: "doomed-pool" }));
      await t.idp.send(new DeleteUserPoolCommand({ UserPoolId: poolId }));
    } finally {
      await t.close();
    }
  });
});

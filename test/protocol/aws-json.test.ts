import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  CognitoIdentityProviderClient,
  CognitoIdentityProviderServiceException,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  InvalidParameterException,
  ResourceNotFoundException,
} from "@aws-sdk/client-cognito-identity-provider";
import { cognitoIdpModel } from "../../src/protocol/aws-json/generated/cognito-idp.ts";
import { userPoolOperations } from "../../src/user-pools/operations/index.ts";
import { BACKENDS, rawCall, startTestServer, TEST_KEY, type TestServer } from "../support/server.ts";
import { type Reply, signedCall } from "./signed-call.ts";

const IDP = "AWSCognitoIdentityProviderService";
const JSON_TYPE = "application/x-amz-json-1.1";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const sign = { accessKeyId: TEST_KEY.accessKeyId, secretAccessKey: TEST_KEY.secretAccessKey };

/** A modeled operation nobody has implemented yet, found at run time so the test outlives any one of them. */
const unimplemented = ["StartUserImportJob", ...Object.keys(cognitoIdpModel.operations)].find(
  (n) => !(n in userPoolOperations),
);

/** Asserts the AWS JSON 1.1 error shape: status, `__type`, `x-amzn-ErrorType`, request id, content type. */
function assertError(res: Reply, status: number, type: string, message?: string) {
  assert.equal(res.status, status, JSON.stringify(res.json));
  assert.equal(res.json.__type, type);
  assert.equal(res.headers.get("x-amzn-errortype"), type);
  assert.match(res.headers.get("x-amzn-requestid") ?? "", UUID);
  assert.equal(res.headers.get("content-type"), JSON_TYPE);
  assert.equal(res.headers.get("content-length"), String(Buffer.byteLength(JSON.stringify(res.json))));
  assert.equal(typeof res.json.message, "string");
  if (message !== undefined) assert.equal(res.json.message, message);
}

for (const backend of BACKENDS) {
  describe(backend, () => {
    let t: TestServer;
    let poolId: string;
    before(async () => {
      t = await startTestServer({ backend });
      poolId = (await t.idp.send(new CreateUserPoolCommand({ PoolName: "protocol" }))).UserPool!.Id!;
    });
    after(() => t.close());

    describe("routing", () => {
      test("an unknown X-Amz-Target is 400 UnknownOperationException", async () => {
        assertError(await rawCall(t.url, `${IDP}.NoSuchOperation`, {}), 400, "UnknownOperationException");
        assertError(
          await rawCall(t.url, "SomeOtherService.DescribeUserPool", {}),
          400,
          "UnknownOperationException",
        );
      });

      test("a request without X-Amz-Target is 400 UnknownOperationException", async () => {
        const res = await fetch(t.url, {
          method: "POST",
          headers: { "content-type": JSON_TYPE },
          body: "{}",
        });
        assertError(
          { status: res.status, headers: res.headers, json: await res.json() },
          400,
          "UnknownOperationException",
        );
      });

      test(`a modeled but unimplemented operation (${unimplemented}) is 501 NotImplementedException`, async () => {
        assert.ok(unimplemented, "every modeled operation is implemented");
        const res = await signedCall(
          t.url,
          `${IDP}.${unimplemented}`,
          { UserPoolId: poolId, JobId: "import-abc" },
          sign,
        );
        assertError(res, 501, "NotImplementedException");
        assert.match(res.json.message, new RegExp(unimplemented!));
      });
    });

    describe("request bodies", () => {
      test("malformed JSON is 400 SerializationException", async () => {
        assertError(
          await rawCall(t.url, `${IDP}.DescribeUserPool`, '{"UserPoolId": '),
          400,
          "SerializationException",
        );
      });

      test("a body that is not a JSON object is 400 SerializationException", async () => {
        assertError(await rawCall(t.url, `${IDP}.DescribeUserPool`, "[1,2]"), 400, "SerializationException");
      });

      test("a member of the wrong JSON type is 400 SerializationException", async () => {
        assertError(
          await signedCall(t.url, `${IDP}.DescribeUserPool`, { UserPoolId: 42 }, sign),
          400,
          "SerializationException",
        );
        assertError(
          await signedCall(t.url, `${IDP}.ListUserPools`, { MaxResults: "ten" }, sign),
          400,
          "SerializationException",
        );
      });

      test("a missing required member gets Cognito's validation wording", async () => {
        assertError(
          await signedCall(t.url, `${IDP}.DescribeUserPool`, {}, sign),
          400,
          "InvalidParameterException",
          "1 validation error detected: Value null at 'userPoolId' failed to satisfy constraint: Member must not be null",
        );
      });

      test("several problems are counted and joined with '; '", async () => {
        assertError(
          await signedCall(t.url, `${IDP}.DescribeUserPoolClient`, {}, sign),
          400,
          "InvalidParameterException",
          "2 validation errors detected: Value null at 'userPoolId' failed to satisfy constraint: Member must not be null; " +
            "Value null at 'clientId' failed to satisfy constraint: Member must not be null",
        );
      });

      test("an over-long string fails the length constraint", async () => {
        const long = `us-east-1_${"a".repeat(46)}`;
        assertError(
          await signedCall(t.url, `${IDP}.DescribeUserPool`, { UserPoolId: long }, sign),
          400,
          "InvalidParameterException",
          `1 validation error detected: Value '${long}' at 'userPoolId' failed to satisfy constraint: Member must have length less than or equal to 55`,
        );
      });

      test("a pattern failure names the pattern", async () => {
        assertError(
          await signedCall(t.url, `${IDP}.DescribeUserPool`, { UserPoolId: "bad id" }, sign),
          400,
          "InvalidParameterException",
          "1 validation error detected: Value 'bad id' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+",
        );
      });

      test("a sensitive member's value is not echoed", async () => {
        assertError(
          await signedCall(
            t.url,
            `${IDP}.DescribeUserPoolClient`,
            { UserPoolId: poolId, ClientId: "not valid!" },
            sign,
          ),
          400,
          "InvalidParameterException",
          "1 validation error detected: Value at 'clientId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+]+",
        );
      });

      test("Content-Type: application/json is accepted", async () => {
        const res = await signedCall(
          t.url,
          `${IDP}.DescribeUserPool`,
          { UserPoolId: poolId },
          { ...sign, headers: { "content-type": "application/json" } },
        );
        assert.equal(res.status, 200, JSON.stringify(res.json));
        assert.equal(res.json.UserPool.Id, poolId);
        assert.equal(res.headers.get("content-type"), JSON_TYPE);
      });
    });

    describe("replies", () => {
      test("a success carries x-amzn-RequestId and the AWS JSON 1.1 content type; dates are epoch seconds", async () => {
        const a = await signedCall(t.url, `${IDP}.DescribeUserPool`, { UserPoolId: poolId }, sign);
        const b = await signedCall(t.url, `${IDP}.DescribeUserPool`, { UserPoolId: poolId }, sign);
        assert.equal(a.status, 200);
        assert.equal(a.headers.get("content-type"), JSON_TYPE);
        assert.match(a.headers.get("x-amzn-requestid") ?? "", UUID);
        assert.notEqual(a.headers.get("x-amzn-requestid"), b.headers.get("x-amzn-requestid"));
        assert.equal(a.headers.get("x-amzn-errortype"), null);
        // A Content-Length, as AWS sends (not chunked transfer encoding).
        assert.equal(a.headers.get("transfer-encoding"), null);
        assert.equal(a.headers.get("content-length"), String(Buffer.byteLength(JSON.stringify(a.json))));
        assert.equal(typeof a.json.UserPool.CreationDate, "number");
        assert.ok(Math.abs(a.json.UserPool.CreationDate - Date.now() / 1000) < 600);
      });

      test("a modeled error carries x-amzn-ErrorType and only __type and message", async () => {
        const res = await signedCall(
          t.url,
          `${IDP}.DescribeUserPool`,
          { UserPoolId: "us-east-1_missing00" },
          sign,
        );
        assertError(res, 400, "ResourceNotFoundException", "User pool us-east-1_missing00 does not exist.");
        assert.deepEqual(Object.keys(res.json).sort(), ["__type", "message"]);
      });
    });

    describe("CORS", () => {
      test("a preflight is answered 204 with the requested headers allowed", async () => {
        const res = await fetch(t.url, {
          method: "OPTIONS",
          headers: {
            origin: "http://localhost:3000",
            "access-control-request-method": "POST",
            "access-control-request-headers": "x-amz-target,x-amz-user-agent,content-type",
          },
        });
        assert.equal(res.status, 204);
        assert.equal(res.headers.get("access-control-allow-origin"), "http://localhost:3000");
        assert.match(res.headers.get("access-control-allow-methods") ?? "", /POST/);
        const allowed = (res.headers.get("access-control-allow-headers") ?? "")
          .toLowerCase()
          .split(/\s*,\s*/);
        for (const h of ["x-amz-target", "x-amz-user-agent", "content-type"])
          assert.ok(allowed.includes(h), h);
      });

      test("a cross-origin call exposes the request id and error type", async () => {
        const res = await rawCall(t.url, `${IDP}.NoSuchOperation`, {}, { origin: "http://localhost:3000" });
        assert.equal(res.headers.get("access-control-allow-origin"), "http://localhost:3000");
        const exposed = (res.headers.get("access-control-expose-headers") ?? "").toLowerCase();
        assert.match(exposed, /x-amzn-requestid/);
        assert.match(exposed, /x-amzn-errortype/);
      });
    });

    describe("SigV4 for admin operations", () => {
      test("no Authorization header is 403 MissingAuthenticationTokenException", async () => {
        assertError(
          await rawCall(t.url, `${IDP}.DescribeUserPool`, { UserPoolId: poolId }),
          403,
          "MissingAuthenticationTokenException",
          "Missing Authentication Token",
        );
      });

      test("a wrong secret is InvalidSignatureException", async () => {
        assertError(
          await signedCall(
            t.url,
            `${IDP}.DescribeUserPool`,
            { UserPoolId: poolId },
            { ...sign, secretAccessKey: "wrong-secret" },
          ),
          400,
          "InvalidSignatureException",
          "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
        );
      });

      for (const noContentHash of [false, true]) {
        test(`a body changed after signing is InvalidSignatureException (${noContentHash ? "no " : ""}x-amz-content-sha256 signed)`, async () => {
          const sendBody = JSON.stringify({ UserPoolId: "us-east-1_other0000" });
          const res = await signedCall(
            t.url,
            `${IDP}.DescribeUserPool`,
            { UserPoolId: poolId },
            { ...sign, sendBody, noContentHash },
          );
          assertError(res, 400, "InvalidSignatureException");
          const intact = await signedCall(
            t.url,
            `${IDP}.DescribeUserPool`,
            { UserPoolId: poolId },
            { ...sign, noContentHash },
          );
          assert.equal(intact.status, 200);
        });
      }

      test("an unknown access key id is UnrecognizedClientException", async () => {
        assertError(
          await signedCall(
            t.url,
            `${IDP}.DescribeUserPool`,
            { UserPoolId: poolId },
            { accessKeyId: "AKIDUNKNOWN", secretAccessKey: "x" },
          ),
          400,
          "UnrecognizedClientException",
          "The security token included in the request is invalid.",
        );
      });

      test("a stale X-Amz-Date is InvalidSignatureException (Signature expired)", async () => {
        const res = await signedCall(
          t.url,
          `${IDP}.DescribeUserPool`,
          { UserPoolId: poolId },
          { ...sign, signingDate: new Date(Date.now() - 20 * 60_000) },
        );
        assertError(res, 400, "InvalidSignatureException");
        assert.match(
          res.json.message,
          /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/,
        );
      });

      test("a malformed Authorization header is IncompleteSignatureException", async () => {
        assertError(
          await rawCall(
            t.url,
            `${IDP}.DescribeUserPool`,
            { UserPoolId: poolId },
            { authorization: "AWS4-HMAC-SHA256 Credential=x" },
          ),
          400,
          "IncompleteSignatureException",
        );
      });
    });

    describe("the JavaScript SDK", () => {
      test("raises the modeled exception classes with status and request id", async () => {
        const err = await t.idp
          .send(new DescribeUserPoolCommand({ UserPoolId: "us-east-1_missing00" }))
          .catch((e: unknown) => e);
        assert.ok(err instanceof ResourceNotFoundException, String(err));
        assert.ok(err instanceof CognitoIdentityProviderServiceException);
        assert.equal(err.message, "User pool us-east-1_missing00 does not exist.");
        assert.equal(err.$fault, "client");
        assert.equal(err.$metadata.httpStatusCode, 400);
        assert.match(err.$metadata.requestId ?? "", UUID);

        const invalid = await t.idp
          .send(new DescribeUserPoolCommand({ UserPoolId: "bad id" }))
          .catch((e: unknown) => e);
        assert.ok(invalid instanceof InvalidParameterException, String(invalid));
      });

      test("a client with the wrong secret gets InvalidSignatureException", async () => {
        const idp = new CognitoIdentityProviderClient({
          endpoint: t.url,
          region: "us-east-1",
          credentials: { accessKeyId: TEST_KEY.accessKeyId, secretAccessKey: "not-the-secret" },
          maxAttempts: 1,
        });
        try {
          const err = await idp
            .send(new DescribeUserPoolCommand({ UserPoolId: poolId }))
            .catch((e: unknown) => e);
          assert.ok(err instanceof CognitoIdentityProviderServiceException, String(err));
          assert.equal(err.name, "InvalidSignatureException");
        } finally {
          idp.destroy();
        }
      });
    });
  });
}

describe("dev mode", () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ config: { dev: true, accessKeys: "" } });
  });
  after(() => t.close());

  test("admin operations need no signature", async () => {
    const created = await rawCall(t.url, `${IDP}.CreateUserPool`, { PoolName: "dev-pool" });
    assert.equal(created.status, 200, JSON.stringify(created.json));
    assert.match(created.json.UserPool.Id, /^us-east-1_[0-9A-Za-z]{9}$/);
    const described = await rawCall(t.url, `${IDP}.DescribeUserPool`, {
      UserPoolId: created.json.UserPool.Id,
    });
    assert.equal(described.status, 200);
    assert.equal(described.json.UserPool.Name, "dev-pool");
  });

  test("validation still applies", async () => {
    assertError(
      await rawCall(t.url, `${IDP}.DescribeUserPool`, {}),
      400,
      "InvalidParameterException",
      "1 validation error detected: Value null at 'userPoolId' failed to satisfy constraint: Member must not be null",
    );
  });
});

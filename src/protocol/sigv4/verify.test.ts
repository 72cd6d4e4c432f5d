import assert from "node:assert/strict";
import { test } from "node:test";
import { verifySigV4 } from "./verify.ts";

// The "get-vanilla" case of AWS's published Signature Version 4 test suite.
const SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const DATE = new Date(Date.UTC(2015, 7, 30, 12, 36, 0));
const vanilla = (signature: string, extra: Record<string, string> = {}) => ({
  method: "GET",
  url: new URL("https://example.amazonaws.com/"),
  headers: new Headers({
    host: "example.amazonaws.com",
    "x-amz-date": "20150830T123600Z",
    authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=${signature}`,
    ...extra,
  }),
  body: new Uint8Array(),
});
const secrets = (id: string) => (id === "AKIDEXAMPLE" ? SECRET : undefined);

test("get-vanilla vector verifies", async () => {
  const id = await verifySigV4(
    vanilla("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
    secrets,
    DATE,
    300,
  );
  assert.equal(id, "AKIDEXAMPLE");
});

test("a changed signed header breaks the signature; an unsigned header does not", async () => {
  const good = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";
  await assert.rejects(
    verifySigV4(
      { ...vanilla(good), url: new URL("https://example.amazonaws.com/other") },
      secrets,
      DATE,
      300,
    ),
    { name: "InvalidSignatureException" },
  );
  await verifySigV4(vanilla(good, { "user-agent": "anything" }), secrets, DATE, 300);
});

test("wrong signature, unknown key, stale date, missing header", async () => {
  await assert.rejects(verifySigV4(vanilla("0".repeat(64)), secrets, DATE, 300), {
    name: "InvalidSignatureException",
  });
  await assert.rejects(
    verifySigV4(vanilla("0".repeat(64)), () => undefined, DATE, 300),
    { name: "UnrecognizedClientException" },
  );
  await assert.rejects(
    verifySigV4(
      vanilla("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
      secrets,
      new Date(DATE.getTime() + 600_000),
      300,
    ),
    (e: Error) =>
      e.name === "InvalidSignatureException" &&
      /^Signature expired: 20150830T123600Z is now earlier than/.test(e.message),
  );
  const none = vanilla("x");
  none.headers.delete("authorization");
  await assert.rejects(verifySigV4(none, secrets, DATE, 300), {
    name: "MissingAuthenticationTokenException",
  });
});

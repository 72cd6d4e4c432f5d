// Development mode relaxes SigV4 for tools on this machine only (security review).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { ListUserPoolsCommand } from "@aws-sdk/client-cognito-identity-provider";
import { rejectsWith } from "../support/fixtures.ts";
import { rawCall, startTestServer, type TestServer } from "../support/server.ts";

const LIST = "AWSCognitoIdentityProviderService.ListUserPools";

describe("development mode", () => {
  let open: TestServer;
  let keyed: TestServer;
  before(async () => {
    open = await startTestServer({ config: { dev: true, accessKeys: "" } });
    keyed = await startTestServer({ config: { dev: true } });
  });
  after(async () => {
    await open.close();
    await keyed.close();
  });

  test("without keys: unsigned admin calls from local tools and localhost pages, not from other sites", async () => {
    assert.equal((await rawCall(open.url, LIST, { MaxResults: 5 })).status, 200);
    assert.equal(
      (await rawCall(open.url, LIST, { MaxResults: 5 }, { origin: "http://localhost:3000" })).status,
      200,
    );
    const web = await rawCall(open.url, LIST, { MaxResults: 5 }, { origin: "https://evil.example" });
    assert.equal(web.status, 400);
    assert.equal(web.json.__type, "AccessDeniedException");
  });

  test("with keys configured, signatures are checked even in development mode", async () => {
    assert.equal(
      (await rawCall(keyed.url, LIST, { MaxResults: 5 })).json.__type,
      "MissingAuthenticationTokenException",
    );
    await rejectsWith(
      keyed.publicIdp.send(new ListUserPoolsCommand({ MaxResults: 5 })),
      "UnrecognizedClientException",
    );
    await keyed.idp.send(new ListUserPoolsCommand({ MaxResults: 5 }));
  });
});

// Several stateless cognate processes on one PostgreSQL database (issue #2, "Storage").
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AdminCreateUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, createUser, GOOD_PASSWORD, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";

describe("two instances sharing one PostgreSQL database", {
  skip: !BACKENDS.includes("postgres") && "no PostgreSQL in this run",
}, () => {
  let a: TestServer;
  let b: TestServer;
  before(async () => {
    // Instances behind one load balancer share its public URL, and with it the token issuer.
    a = await startTestServer({ backend: "postgres", config: { publicUrl: "https://id.example.test" } });
    b = await startTestServer({
      backend: "sqlite",
      config: { databaseUrl: a.server.config.databaseUrl, publicUrl: "https://id.example.test" },
    });
  });
  after(async () => {
    await b.close();
    await a.close();
  });

  test("a challenge started on one instance is answered on the other, and tokens work on both", async () => {
    const { poolId, clientId } = await createPoolAndClient(a.idp);
    await createUser(a.idp, poolId, "multi", {}, "Temp-Pass-1");
    const first = await a.publicIdp.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: "multi", PASSWORD: "Temp-Pass-1" },
      }),
    );
    const done = await b.publicIdp.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: "NEW_PASSWORD_REQUIRED",
        Session: first.Session,
        ChallengeResponses: { USERNAME: "multi", NEW_PASSWORD: GOOD_PASSWORD },
      }),
    );
    const token = done.AuthenticationResult!.AccessToken!;
    // Issued by B (same key as A, both from the database), used on A, then refused on B after revocation on A.
    await a.publicIdp.send(new GlobalSignOutCommand({ AccessToken: token }));
    await rejectsWith(
      b.publicIdp.send(new GlobalSignOutCommand({ AccessToken: token })),
      "NotAuthorizedException",
      "Access Token has been revoked",
    );
    // A session is single-use across instances too.
    await rejectsWith(
      a.publicIdp.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: "NEW_PASSWORD_REQUIRED",
          Session: first.Session,
          ChallengeResponses: { USERNAME: "multi", NEW_PASSWORD: GOOD_PASSWORD },
        }),
      ),
      "NotAuthorizedException",
    );
  });

  test("the same username created on both instances at once: exactly one wins", async () => {
    const { poolId } = await createPoolAndClient(a.idp);
    const create = (t: TestServer) =>
      t.idp.send(
        new AdminCreateUserCommand({ UserPoolId: poolId, Username: "race", MessageAction: "SUPPRESS" }),
      );
    const results = await Promise.allSettled([create(a), create(b), create(a), create(b)]);
    assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
    for (const r of results)
      if (r.status === "rejected") assert.equal((r.reason as Error).name, "UsernameExistsException");
  });
});

// `cognate seed` and `cognate call`: administration through the same operation registry as the API.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import { BACKENDS, freshPostgresDatabase, startTestServer } from "../support/server.ts";

const cli = (args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "src/cli/index.ts", ...args], { encoding: "utf8" });

for (const backend of BACKENDS) {
  describe(`cognate seed / call (${backend})`, () => {
    const dir = mkdtempSync(join(tmpdir(), "cognate-seed-"));
    let drop = async () => {};
    after(async () => {
      rmSync(dir, { recursive: true, force: true });
      await drop();
    });

    test("a seed file creates pools, clients, groups and users that sign in; seeding again changes nothing", async () => {
      let store = ["--data-dir", dir];
      if (backend === "postgres") {
        const db = await freshPostgresDatabase();
        drop = db.drop;
        store = ["--database-url", db.url];
      }
      const file = join(dir, "seed.json");
      writeFileSync(
        file,
        JSON.stringify({
          userPools: [
            {
              PoolName: "demo",
              UsernameAttributes: ["email"],
              clients: [
                {
                  ClientName: "web",
                  ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
                },
              ],
              groups: [{ GroupName: "admins", Precedence: 1 }],
              users: [
                {
                  Username: "alice@example.com",
                  Password: "Seeded-Pass-1",
                  Attributes: { email_verified: "true" },
                  Groups: ["admins"],
                },
              ],
            },
          ],
        }),
      );
      const first = cli(["seed", file, ...store, "--log-level", "silent"]);
      assert.equal(first.status, 0, first.stderr);
      const out = JSON.parse(first.stdout);
      const { Id: poolId, clients } = out.userPools[0];
      assert.match(poolId, /^us-east-1_/);
      const again = cli(["seed", file, ...store, "--log-level", "silent"]);
      assert.equal(again.status, 0, again.stderr);
      assert.deepEqual(JSON.parse(again.stdout), out);

      const listed = cli(["call", "ListUsers", "--input", JSON.stringify({ UserPoolId: poolId }), ...store]);
      assert.equal(listed.status, 0, listed.stderr);
      assert.equal(JSON.parse(listed.stdout).Users.length, 1);
      const bad = cli([
        "call",
        "AdminGetUser",
        "--input",
        JSON.stringify({ UserPoolId: poolId, Username: "nobody@example.com" }),
        ...store,
      ]);
      assert.equal(bad.status, 1);
      assert.match(bad.stderr, /^UserNotFoundException: User does not exist\./);

      const t = await startTestServer({
        backend: "sqlite",
        config: backend === "postgres" ? { databaseUrl: store[1]! } : { dataDir: dir },
      });
      try {
        const r = await t.publicIdp.send(
          new InitiateAuthCommand({
            ClientId: clients[0].ClientId,
            AuthFlow: "USER_PASSWORD_AUTH",
            AuthParameters: { USERNAME: "alice@example.com", PASSWORD: "Seeded-Pass-1" },
          }),
        );
        const claims = JSON.parse(
          Buffer.from(r.AuthenticationResult!.IdToken!.split(".")[1]!, "base64url").toString(),
        );
        assert.deepEqual(claims["cognito:groups"], ["admins"]);
      } finally {
        await t.close();
      }
    });
  });
}

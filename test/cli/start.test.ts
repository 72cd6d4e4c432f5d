// The CLI as a user runs it: `cognate start` prints its endpoint on one line; `--help` documents options.
import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  ListUserPoolsCommand,
  UpdateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import Database from "better-sqlite3";
import { BACKENDS, freshPostgresDatabase } from "../support/server.ts";

const CLI = ["--import", "tsx", "src/cli/index.ts"];

function start(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const child = spawn(process.execPath, [...CLI, "start", ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  child.stderr!.on("data", (d) => (err += d));
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += d;
      const m = /^cognate listening on (http:\/\/\S+)$/m.exec(out);
      if (m) resolve({ child, url: m[1]!, stderr: () => err });
    });
    child.on("exit", (code) => reject(new Error(`cognate exited with ${code}: ${err}`)));
  });
}

/** The pids of a process's children (Linux). */
const childPids = (pid: number): number[] =>
  readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(what: string, check: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** One signed-free call on a connection of its own, so the cluster may hand it to any worker. */
function callOnNewConnection(
  url: string,
  target: string,
  body: unknown,
): Promise<{ status: number; json: { UserPool: { Id: string; UserPoolTags: Record<string, string> } } }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        agent: false,
        headers: {
          "content-type": "application/x-amz-json-1.1",
          "x-amz-target": target,
          connection: "close",
        },
      },
      (res) => {
        let text = "";
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
      },
    );
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}

describe("cognate CLI", () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  after(() => {
    for (const c of children) c.kill("SIGTERM");
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  test("--help lists every setting with its flag and environment variable", () => {
    const r = spawnSync(process.execPath, [...CLI, "--help"], { encoding: "utf8" });
    assert.equal(r.status, 0);
    for (const s of [
      "--port",
      "COGNATE_PORT",
      "--host",
      "--data-dir",
      "--database-url",
      "COGNATE_DATABASE_URL",
      "--dev",
      "--access-keys",
      "--smtp-host",
      "--outbox",
    ]) {
      assert.ok(r.stdout.includes(s), `help mentions ${s}`);
    }
  });

  test("unknown option: a clear message and exit code 2", () => {
    const r = spawnSync(process.execPath, [...CLI, "start", "--no-such-thing", "1"], { encoding: "utf8" });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown option --no-such-thing/);
  });

  test("start on port 0 with a data dir; the SDK works against the printed endpoint; data survives a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cognate-cli-"));
    dirs.push(dir);
    const args = [
      "--port",
      "0",
      "--data-dir",
      dir,
      "--access-keys",
      "AKIDCLI:cli-secret",
      "--log-level",
      "warn",
    ];
    const first = await start(args);
    children.push(first.child);
    assert.match(first.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const sdk = (url: string) =>
      new CognitoIdentityProviderClient({
        endpoint: url,
        region: "us-east-1",
        credentials: { accessKeyId: "AKIDCLI", secretAccessKey: "cli-secret" },
      });
    const created = await sdk(first.url).send(new CreateUserPoolCommand({ PoolName: "persisted" }));
    first.child.kill("SIGTERM");
    await new Promise((r) => first.child.once("exit", r));

    const second = await start(args);
    children.push(second.child);
    const pools = await sdk(second.url).send(new ListUserPoolsCommand({ MaxResults: 10 }));
    assert.deepEqual(
      pools.UserPools?.map((p) => p.Id),
      [created.UserPool!.Id],
    );
  });

  test("settings come from a config file, overridden by environment, overridden by flags", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cognate-cli-"));
    dirs.push(dir);
    const file = join(dir, "cognate.json");
    writeFileSync(
      file,
      JSON.stringify({
        region: "eu-west-1",
        dataDir: dir,
        logLevel: "warn",
        accessKeys: "AKIDFILE:file-secret",
      }),
    );
    const r = spawnSync(process.execPath, [...CLI, "config", "--config", file, "--port", "1234"], {
      encoding: "utf8",
      env: { ...process.env, COGNATE_REGION: "ap-south-1", COGNATE_PORT: "999" },
    });
    assert.equal(r.status, 0, r.stderr);
    const shown = JSON.parse(r.stdout);
    assert.equal(shown.region, "ap-south-1");
    assert.equal(shown.port, 1234);
    assert.equal(shown.dataDir, dir);
    assert.equal(shown.accessKeys, "***", "secrets are not printed");
  });

  for (const backend of BACKENDS) {
    test(`--workers 2 (${backend}): worker processes share the port and the data, a killed one is replaced, SIGTERM stops all`, async () => {
      const dir = mkdtempSync(join(tmpdir(), "cognate-cli-"));
      dirs.push(dir);
      const pg = backend === "postgres" ? await freshPostgresDatabase() : undefined;
      const storage = pg ? ["--database-url", pg.url] : ["--data-dir", dir];
      try {
        const s = await start(["--port", "0", ...storage, "--dev", "--workers", "2", "--log-level", "warn"]);
        children.push(s.child);
        const primary = s.child.pid!;
        assert.equal(childPids(primary).length, 2, "two worker processes");
        // Their thread pools share the cores instead of 4 threads each (src/cluster.ts).
        for (const pid of childPids(primary))
          assert.ok(
            readFileSync(`/proc/${pid}/environ`, "utf8")
              .split("\0")
              .includes(`UV_THREADPOOL_SIZE=${Math.ceil(availableParallelism() / 2)}`),
          );
        assert.match(s.stderr(), /2 worker processes/);
        const idp = "AWSCognitoIdentityProviderService";
        const created = await callOnNewConnection(s.url, `${idp}.CreateUserPool`, { PoolName: "shared" });
        assert.equal(created.status, 200);
        const poolId = created.json.UserPool.Id as string;
        // A change made through one worker is what every worker answers at once (config cache invalidation).
        for (const n of [1, 2, 3]) {
          const sdk = new CognitoIdentityProviderClient({
            endpoint: s.url,
            region: "us-east-1",
            credentials: { accessKeyId: "dev", secretAccessKey: "dev" },
          });
          await sdk.send(
            new UpdateUserPoolCommand({ UserPoolId: poolId, UserPoolTags: { round: String(n) } }),
          );
          sdk.destroy();
          const seen = await Promise.all(
            Array.from({ length: 8 }, () =>
              callOnNewConnection(s.url, `${idp}.DescribeUserPool`, { UserPoolId: poolId }),
            ),
          );
          assert.deepEqual(
            seen.map((r) => r.json.UserPool.UserPoolTags.round),
            Array(8).fill(String(n)),
          );
        }
        const [victim] = childPids(primary);
        process.kill(victim!, "SIGKILL");
        await until("a replacement worker", () => {
          const now = childPids(primary);
          return now.length === 2 && !now.includes(victim!);
        });
        const after = await Promise.all(
          Array.from({ length: 6 }, () =>
            callOnNewConnection(s.url, `${idp}.DescribeUserPool`, { UserPoolId: poolId }),
          ),
        );
        assert.deepEqual(
          after.map((r) => r.status),
          Array(6).fill(200),
        );
        const workers = childPids(primary);
        const exited = new Promise<number | null>((r) => s.child.once("exit", r));
        s.child.kill("SIGTERM");
        assert.equal(await exited, 0);
        await until("the workers to stop", () => workers.every((p) => !alive(p)));
      } finally {
        await pg?.drop();
      }
    });
  }

  test("migrations of one data folder wait for each other across processes (no two apply one at once)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cognate-cli-"));
    dirs.push(dir);
    // Hold the migration lock as another cognate process would while migrating.
    const lock = new Database(join(dir, "cognate.migrate-lock.sqlite"));
    lock.exec("BEGIN EXCLUSIVE");
    const child = spawn(process.execPath, [...CLI, "migrate", "--data-dir", dir], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout!.on("data", (d) => (out += d));
    const exited = new Promise<number | null>((r) => child.once("exit", r));
    await new Promise((r) => setTimeout(r, 4000));
    assert.equal(child.exitCode, null, "still waiting for the lock");
    assert.equal(out, "");
    lock.exec("COMMIT");
    lock.close();
    assert.equal(await exited, 0);
    assert.match(out, /migrations applied/);
  });

  test("dev mode warns loudly at start", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cognate-cli-"));
    dirs.push(dir);
    const s = await start(["--port", "0", "--data-dir", dir, "--dev", "--log-level", "warn"]);
    children.push(s.child);
    assert.match(s.stderr(), /WARNING: development mode/);
    // Admin operations accept unsigned requests in dev mode.
    const res = await fetch(s.url, {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": "AWSCognitoIdentityProviderService.ListUserPools",
      },
      body: JSON.stringify({ MaxResults: 5 }),
    });
    assert.equal(res.status, 200);
  });
});

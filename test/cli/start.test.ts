// The CLI as a user runs it: `cognate start` prints its endpoint on one line; `--help` documents options.
import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  ListUserPoolsCommand,
} from "@aws-sdk/client-cognito-identity-provider";

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

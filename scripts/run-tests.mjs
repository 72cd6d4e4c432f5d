#!/usr/bin/env node
// Runs the whole test suite (`npm test`). Starts a throwaway PostgreSQL when the
// machine has its server binaries (or uses COGNATE_TEST_PG_URL); without one, the
// PostgreSQL half is skipped loudly, except under CI=true where that is a failure.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, chownSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const args = process.argv.slice(2);
const roots = args.length > 0 ? args : ["src", "test"];
const files = [];
const walk = (p) => {
  if (!existsSync(p)) return;
  if (statSync(p).isDirectory()) for (const f of readdirSync(p).sort()) walk(join(p, f));
  else if (p.endsWith(".test.ts")) files.push(p);
};
roots.forEach(walk);

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

function findPgBin() {
  const which = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" }).stdout.trim();
  if (which) return join(which, "..");
  const base = "/usr/lib/postgresql";
  if (existsSync(base)) {
    const v = readdirSync(base).sort((a, b) => Number(b) - Number(a))[0];
    if (v && existsSync(join(base, v, "bin", "initdb"))) return join(base, v, "bin");
  }
  return undefined;
}

let stopPg = () => {};
const env = { ...process.env };
if (!env.COGNATE_TEST_PG_URL) {
  const bin = findPgBin();
  if (bin) {
    const dir = mkdtempSync(join(tmpdir(), "cognate-pg-"));
    const port = await freePort();
    const asRoot = process.getuid?.() === 0;
    const run = (cmd, cmdArgs) => {
      const full = join(bin, cmd);
      if (asRoot) return execFileSync("runuser", ["-u", "postgres", "--", full, ...cmdArgs], { stdio: "pipe" });
      return execFileSync(full, cmdArgs, { stdio: "pipe" });
    };
    if (asRoot) {
      const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
      const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
      chownSync(dir, uid, gid);
    }
    const data = join(dir, "data");
    run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--locale=C", "-E", "UTF8"]);
    run("pg_ctl", [
      "-D", data, "-l", join(dir, "log"), "-w", "start",
      "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`,
    ]);
    env.COGNATE_TEST_PG_URL = `postgres://postgres@127.0.0.1:${port}/postgres`;
    console.log(`test PostgreSQL started on port ${port}`);
    stopPg = () => {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "stop"]);
      } catch {}
      rmSync(dir, { recursive: true, force: true });
    };
  } else if (env.CI === "true") {
    console.error("CI=true but no PostgreSQL server binaries (initdb) and no COGNATE_TEST_PG_URL: failing.");
    process.exit(1);
  } else {
    console.warn("\n*** WARNING: no PostgreSQL found: the PostgreSQL half of the suite is SKIPPED. Install postgresql or set COGNATE_TEST_PG_URL. ***\n");
  }
}

const child = spawn(
  process.execPath,
  ["--import", "tsx", "--test", "--test-reporter=spec", `--test-concurrency=${env.COGNATE_TEST_CONCURRENCY ?? 2}`, ...files],
  { stdio: "inherit", env },
);
const code = await new Promise((resolve) => child.on("exit", (c, sig) => resolve(c ?? (sig ? 1 : 0))));
stopPg();
process.exit(code);

#!/usr/bin/env node
// Runs the whole test suite (`npm test`). Starts a throwaway PostgreSQL when the
// machine has its server binaries (or uses COGNATE_TEST_PG_URL); without one, the
// PostgreSQL half is skipped loudly, except under CI=true where that is a failure.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { startThrowawayPostgres } from "./pg-throwaway.mjs";

const args = process.argv.slice(2);
const roots = args.length > 0 ? args : ["src", "test"];
const files = [];
const walk = (p) => {
  if (!existsSync(p)) return;
  if (statSync(p).isDirectory()) for (const f of readdirSync(p).sort()) walk(join(p, f));
  else if (p.endsWith(".test.ts")) files.push(p);
};
roots.forEach(walk);

let stopPg = () => {};
const env = { ...process.env };
if (!env.COGNATE_TEST_PG_URL) {
  const pg = await startThrowawayPostgres();
  if (pg) {
    env.COGNATE_TEST_PG_URL = pg.url;
    console.log(`test PostgreSQL started on port ${pg.port}`);
    stopPg = pg.stop;
  } else if (env.CI === "true") {
    console.error("CI=true but no PostgreSQL server binaries (initdb) and no COGNATE_TEST_PG_URL: failing.");
    process.exit(1);
  } else {
    console.warn(
      "\n*** WARNING: no PostgreSQL found: the PostgreSQL half of the suite is SKIPPED. Install postgresql or set COGNATE_TEST_PG_URL. ***\n",
    );
  }
}

const child = spawn(
  process.execPath,
  [
    "--import",
    "tsx",
    "--test",
    "--test-reporter=spec",
    `--test-concurrency=${env.COGNATE_TEST_CONCURRENCY ?? 2}`,
    ...files,
  ],
  { stdio: "inherit", env },
);
const code = await new Promise((resolve) => child.on("exit", (c, sig) => resolve(c ?? (sig ? 1 : 0))));
stopPg();
process.exit(code);

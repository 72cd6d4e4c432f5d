// A throwaway PostgreSQL cluster for tests and benchmarks: initdb into a temporary
// folder, start it on a free loopback port with durability off, remove it on stop.
// Used by scripts/run-tests.mjs and bench/run.ts.

import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A free TCP port on 127.0.0.1. */
export const freePort = () =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** The folder holding initdb and pg_ctl, or undefined when PostgreSQL is not installed. */
export function findPgBin() {
  const which = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" }).stdout.trim();
  if (which) return join(which, "..");
  const base = "/usr/lib/postgresql";
  if (existsSync(base)) {
    const v = readdirSync(base).sort((a, b) => Number(b) - Number(a))[0];
    if (v && existsSync(join(base, v, "bin", "initdb"))) return join(base, v, "bin");
  }
  return undefined;
}

/**
 * Starts a throwaway cluster (as the postgres user when running as root).
 * Returns undefined when no server binaries are found.
 * @param {{ settings?: string[] }} [opts] extra `-c name=value` server settings
 * @returns {Promise<{ url: string, port: number, stop(): void } | undefined>}
 * @example
 * const pg = await startThrowawayPostgres();
 * if (pg) { console.log(pg.url); pg.stop(); }
 */
export async function startThrowawayPostgres(opts = {}) {
  const bin = findPgBin();
  if (!bin) return undefined;
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
  const settings = [
    "listen_addresses=127.0.0.1",
    "fsync=off",
    "synchronous_commit=off",
    "full_page_writes=off",
    "max_connections=300",
    ...(opts.settings ?? []),
  ];
  run("pg_ctl", [
    "-D",
    data,
    "-l",
    join(dir, "log"),
    "-w",
    "start",
    "-o",
    `-p ${port} -k ${dir} ${settings.map((s) => `-c ${s}`).join(" ")}`,
  ]);
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "stop"]);
      } catch {}
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

/** Server process counters from /proc (Linux). */
export interface ProcSample {
  /** user + system CPU time in milliseconds, all threads. */
  cpuMs: number;
  /** The same for the main (JavaScript) thread only: the one a Node server cannot spread. */
  mainThreadCpuMs: number;
  /** Resident set size now, and its peak so far (kB). */
  rssKiB: number;
  peakRssKiB: number;
}

const CLK_TCK = 100; // sysconf(_SC_CLK_TCK) on Linux

/** utime + stime in ms from a /proc …/stat file (fields 14 and 15, counted past the "(command)"). */
function cpuMsOf(statFile: string): number {
  const stat = readFileSync(statFile, "utf8");
  const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(rest[11]) + Number(rest[12])) * 1000) / CLK_TCK;
}

/**
 * The server's counters, summed over the process and its children (the workers of
 * `--workers N`; the primary itself only forwards nothing and idles). `mainThreadCpuMs` is the
 * sum of every process's JavaScript thread.
 */
export function sampleProc(pid: number): ProcSample {
  const pids = [pid];
  for (let i = 0; i < pids.length; i++) {
    try {
      const kids = readFileSync(`/proc/${pids[i]}/task/${pids[i]}/children`, "utf8").trim();
      if (kids) pids.push(...kids.split(/\s+/).map(Number));
    } catch {
      // exited meanwhile
    }
  }
  const total: ProcSample = { cpuMs: 0, mainThreadCpuMs: 0, rssKiB: 0, peakRssKiB: 0 };
  for (const p of pids) {
    try {
      const status = readFileSync(`/proc/${p}/status`, "utf8");
      const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
      total.cpuMs += cpuMsOf(`/proc/${p}/stat`);
      total.mainThreadCpuMs += cpuMsOf(`/proc/${p}/task/${p}/stat`);
      total.rssKiB += kib("VmRSS");
      total.peakRssKiB += kib("VmHWM");
    } catch {
      // exited meanwhile
    }
  }
  return total;
}

/** CPU ms of every `postgres` process on the machine (the throwaway cluster's backends). */
export function postgresCpuMs(): number {
  let total = 0;
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, "utf8").trim() !== "postgres") continue;
      total += cpuMsOf(`/proc/${pid}/stat`);
    } catch {
      // the process ended between readdir and read
    }
  }
  return total;
}

/** Busy and total jiffies of the whole machine (/proc/stat's first line). */
export function machineJiffies(): { busy: number; total: number } {
  const f = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  const idle = (f[3] ?? 0) + (f[4] ?? 0); // idle + iowait
  return { busy: total - idle, total };
}

export interface BenchServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts `cognate start` as its own process, exactly as an operator would (through tsx),
 * and waits for its "cognate listening on <url>" line.
 */
export async function startServer(opts: {
  dataDir: string;
  databaseUrl?: string;
  accessKeys: string;
  /** The server's --workers (0: one per core). */
  workers?: number;
  nodeArgs?: string[];
}): Promise<BenchServer> {
  const args = [
    ...(opts.nodeArgs ?? []),
    "--import",
    "tsx",
    fileURLToPath(new URL("../src/cli/index.ts", import.meta.url)),
    "start",
    "--port",
    "0",
    "--data-dir",
    opts.dataDir,
    "--access-keys",
    opts.accessKeys,
    "--log-level",
    "warn",
    "--workers",
    String(opts.workers ?? 1),
    "--rate-limit-per-minute",
    "0",
    // SignUp sends a verification code; the outbox takes it (a database write, as SMTP would be a send).
    "--outbox",
    "true",
    ...(opts.databaseUrl ? ["--database-url", opts.databaseUrl] : []),
  ];
  const child: ChildProcess = spawn(process.execPath, args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env },
  });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => {
    stderr += d.toString();
    if (stderr.length > 20_000) stderr = stderr.slice(-10_000);
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s\n${stderr}`)), 60_000);
    const lines = createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      const m = /cognate listening on (\S+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening\n${stderr}`));
    });
  });
  return {
    url,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
        await exited;
        clearTimeout(timer);
      } else {
        process.stderr.write(`server exited early (${child.exitCode ?? child.signalCode})\n`);
      }
      if (stderr.trim())
        process.stderr.write(`[server stderr]\n${stderr.trim().split("\n").slice(-20).join("\n")}\n`);
    },
  };
}

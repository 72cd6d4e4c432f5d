// The load generator: a separate process (forked by bench/run.ts) that sends one
// scenario's requests over keep-alive loopback connections with a fixed number in
// flight, bounded by time and by count, and reports throughput and latency.
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";
import { buildSource, type Recipe } from "./scenarios.ts";
import { machineJiffies, type ProcSample, postgresCpuMs, sampleProc } from "./server.ts";
import { type AccessKey, RequestBuilder, type WireRequest } from "./wire.ts";

export interface LoadJob {
  url: string;
  serverPid: number;
  key: AccessKey;
  recipe: Recipe;
  /** An error type that counts as success (the floor scenario expects one). */
  expectedError?: string;
  concurrency: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** Hard cap on requests sent (warm-up included). */
  maxRequests: number;
}

export interface LoadResult {
  requests: number;
  ok: number;
  errors: number;
  /** First few error types seen, with counts. */
  errorTypes: Record<string, number>;
  seconds: number;
  rps: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  server: {
    /** All threads (libuv's pool does argon2 and RSA signing). */
    cpuMsPerRequest: number;
    /** The JavaScript thread alone: 1000 / this is the most one process can serve. */
    mainThreadCpuMsPerRequest: number;
    cpuPercent: number;
    rssMiB: number;
    peakRssMiB: number;
  };
  generatorCpuPercent: number;
  /** CPU of the PostgreSQL server processes per request (0 on SQLite): it shares the cores too. */
  dbCpuMsPerRequest: number;
  /** How busy the whole machine was over the window (100 % = every core). */
  machineBusyPercent: number;
  /** Why the run ended: "time", "count" or "errors". */
  stoppedBy: string;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function runLoad(job: LoadJob): Promise<LoadResult> {
  const rb = new RequestBuilder(job.url, job.key);
  const source = await buildSource(job.recipe, rb);
  const { hostname, port } = new URL(job.url);
  const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency, maxFreeSockets: job.concurrency });
  const limit = Math.min(job.maxRequests, source.limit);

  const send = (r: WireRequest) =>
    new Promise<{ status: number; body: Buffer }>((resolve, reject) => {
      const req = request(
        {
          hostname,
          port,
          method: "POST",
          path: "/",
          agent,
          headers: { ...r.headers, "content-length": r.body.length },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(r.body);
    });

  let next = 0;
  let measuring = job.warmupSeconds <= 0;
  let stop = false;
  let stoppedBy = "time";
  let lat = new Float64Array(1 << 16);
  let n = 0;
  let ok = 0;
  let errors = 0;
  const errorTypes: Record<string, number> = {};
  let startSample: ProcSample = sampleProc(job.serverPid);
  let startCpu = process.cpuUsage();
  let startDb = postgresCpuMs();
  let startMachine = machineJiffies();
  let startTime = performance.now();

  const beginMeasuring = () => {
    measuring = true;
    n = ok = errors = 0;
    startSample = sampleProc(job.serverPid);
    startCpu = process.cpuUsage();
    startDb = postgresCpuMs();
    startMachine = machineJiffies();
    startTime = performance.now();
  };

  const worker = async () => {
    while (!stop) {
      if (next >= limit) {
        stop = true;
        stoppedBy = "count";
        break;
      }
      const r = source.get(next++);
      const t0 = performance.now();
      let status = 0;
      let body: Buffer | undefined;
      try {
        ({ status, body } = await send(r));
      } catch (e) {
        body = Buffer.from(JSON.stringify({ __type: `client:${(e as Error).message}` }));
      }
      if (stop) break;
      const ms = performance.now() - t0;
      if (n === lat.length) {
        const bigger = new Float64Array(lat.length * 2);
        bigger.set(lat);
        lat = bigger;
      }
      lat[n++] = ms;
      let type = "";
      if (status !== 200) {
        type = `HTTP ${status}`;
        try {
          type = (JSON.parse(body!.toString()) as { __type?: string }).__type ?? type;
        } catch {}
      }
      if (status === 200 || type === job.expectedError) ok++;
      else {
        errors++;
        errorTypes[type] = (errorTypes[type] ?? 0) + 1;
        // A scenario that only fails is broken (e.g. the operation is not implemented): stop early.
        if (errors >= 200 && ok === 0) {
          stop = true;
          stoppedBy = "errors";
        }
      }
    }
  };

  const warmupTimer =
    job.warmupSeconds > 0 ? setTimeout(beginMeasuring, job.warmupSeconds * 1000) : undefined;
  let endSample: ProcSample | undefined;
  let endCpu: NodeJS.CpuUsage | undefined;
  let endDb = 0;
  let endMachine = startMachine;
  let endTime = 0;
  const finish = () => {
    if (endSample) return;
    endTime = performance.now();
    endSample = sampleProc(job.serverPid);
    endCpu = process.cpuUsage(startCpu);
    endDb = postgresCpuMs();
    endMachine = machineJiffies();
    stop = true;
  };
  const endTimer = setTimeout(finish, (job.warmupSeconds + job.durationSeconds) * 1000);
  await Promise.all(Array.from({ length: job.concurrency }, worker));
  clearTimeout(warmupTimer);
  clearTimeout(endTimer);
  if (!measuring) beginMeasuring(); // ended (by count or errors) inside the warm-up: report what there is
  finish();
  agent.destroy();

  const seconds = (endTime - startTime) / 1000;
  const sorted = lat.slice(0, n).sort();
  const cpuMs = endSample!.cpuMs - startSample.cpuMs;
  return {
    requests: n,
    ok,
    errors,
    errorTypes,
    seconds,
    rps: ok / seconds,
    p50Ms: percentile(sorted, 50),
    p90Ms: percentile(sorted, 90),
    p99Ms: percentile(sorted, 99),
    maxMs: n ? sorted[n - 1]! : Number.NaN,
    server: {
      cpuMsPerRequest: n ? cpuMs / n : Number.NaN,
      mainThreadCpuMsPerRequest: n
        ? (endSample!.mainThreadCpuMs - startSample.mainThreadCpuMs) / n
        : Number.NaN,
      cpuPercent: (cpuMs / 1000 / seconds) * 100,
      rssMiB: endSample!.rssKiB / 1024,
      peakRssMiB: endSample!.peakRssKiB / 1024,
    },
    generatorCpuPercent: ((endCpu!.user + endCpu!.system) / 1000 / 1000 / seconds) * 100,
    dbCpuMsPerRequest: n ? (endDb - startDb) / n : Number.NaN,
    machineBusyPercent:
      ((endMachine.busy - startMachine.busy) / Math.max(1, endMachine.total - startMachine.total)) * 100,
    stoppedBy,
  };
}

// Forked by bench/run.ts: one job in, one result out, then exit.
if (process.send) {
  process.once("message", (job: LoadJob) => {
    runLoad(job).then(
      (result) => process.send!({ result }, () => process.exit(0)),
      (err: Error) => process.send!({ error: String(err.stack ?? err) }, () => process.exit(1)),
    );
  });
}

// The load generator: a separate process (forked by bench/run.ts) that sends one
// scenario's requests over keep-alive loopback connections with a fixed number in
// flight, bounded by time and by count, and reports throughput and latency.
import { connect, type Socket } from "node:net";
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
  const limit = Math.min(job.maxRequests, source.limit);
  const connections: RawConnection[] = [];
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
    const conn = await RawConnection.open(hostname, Number(port));
    connections.push(conn);
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
        ({ status, body } = await conn.send(wireBytes(r)));
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
  for (const c of connections) c.close();

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

/** A request's bytes on the wire, serialized once (scenarios reuse their requests). */
const serialized = new WeakMap<WireRequest, Buffer>();
function wireBytes(r: WireRequest): Buffer {
  let bytes = serialized.get(r);
  if (!bytes) {
    const head = Object.entries(r.headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join("");
    bytes = Buffer.concat([
      Buffer.from(`POST / HTTP/1.1\r\n${head}content-length: ${r.body.length}\r\n\r\n`, "latin1"),
      r.body,
    ]);
    serialized.set(r, bytes);
  }
  return bytes;
}

/**
 * A keep-alive HTTP/1.1 connection with one request in flight, over a plain socket. node:http's
 * client cost ~0.09 ms of CPU per request, which on two cores is taken from the server under test;
 * this costs a fraction of that. It reads what cognate sends: a status line, headers with a
 * Content-Length, a body.
 */
class RawConnection {
  #buf: Buffer = Buffer.alloc(0);
  #pending: { resolve(r: { status: number; body: Buffer }): void; reject(e: Error): void } | undefined;
  private constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => {
      this.#buf = this.#buf.length ? Buffer.concat([this.#buf, chunk]) : chunk;
      this.#parse();
    });
    const fail = (e: Error) => {
      const p = this.#pending;
      this.#pending = undefined;
      p?.reject(e);
    };
    socket.on("error", fail);
    socket.on("close", () => fail(new Error("connection closed")));
  }

  static open(host: string, port: number): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port }, () => resolve(new RawConnection(socket)));
      socket.once("error", reject);
    });
  }

  send(bytes: Buffer): Promise<{ status: number; body: Buffer }> {
    return new Promise((resolve, reject) => {
      this.#pending = { resolve, reject };
      this.socket.write(bytes);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  #parse(): void {
    const end = this.#buf.indexOf("\r\n\r\n");
    if (end < 0 || !this.#pending) return;
    const head = this.#buf.toString("latin1", 0, end);
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (!length) {
      this.#pending.reject(new Error("response without Content-Length"));
      this.#pending = undefined;
      return;
    }
    const total = end + 4 + Number(length[1]);
    if (this.#buf.length < total) return;
    const status = Number(head.slice(9, 12));
    const body = this.#buf.subarray(end + 4, total);
    this.#buf = this.#buf.subarray(total);
    const p = this.#pending;
    this.#pending = undefined;
    p.resolve({ status, body });
  }
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

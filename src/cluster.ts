import cluster, { type Worker } from "node:cluster";
import { availableParallelism } from "node:os";
import type { Config } from "./config/schema.ts";
import { systemClock } from "./runtime/clock.ts";
import { openStore } from "./storage/open.ts";

/** How many server processes `workers` asks for (0: one per CPU core). */
export function workerCount(config: Pick<Config, "workers">): number {
  return config.workers > 0 ? config.workers : availableParallelism();
}

/**
 * Each worker's libuv thread pool (argon2id hashes and RSA signatures run there). Node's default
 * of 4 threads per process oversubscribes the cores once every core has a worker: on 2 cores with
 * 2 workers, 1 thread each gave 10–20 % more sign-ins, sign-ups and refreshes than 4 each
 * (bench/README.md). An explicit UV_THREADPOOL_SIZE is kept.
 */
function workerEnv(count: number): Record<string, string> {
  if (process.env.UV_THREADPOOL_SIZE) return {};
  return { UV_THREADPOOL_SIZE: String(Math.max(1, Math.ceil(availableParallelism() / count))) };
}

/** Sent by a worker once it listens. */
interface Listening {
  cognate: "listening";
  url: string;
}

/**
 * The primary of `cognate start --workers N`: applies migrations once, then forks N workers that
 * share the listening port (node:cluster). Every worker is a whole server; they share only the
 * database, as separate instances do (the config cache follows the others' writes). A worker that
 * dies is replaced; one that keeps dying stops the server. Resolves with the URL once all listen.
 */
export async function startPrimary(config: Config, count: number): Promise<{ url: string }> {
  // Before any worker opens the database, so they never race to migrate it.
  await (await openStore(config, systemClock)).close();

  let stopping = false;
  const recentDeaths: number[] = [];
  const fork = () =>
    new Promise<string>((resolve, reject) => {
      const worker: Worker = cluster.fork(workerEnv(count));
      worker.on("message", (m: Listening) => {
        if (m?.cognate === "listening") resolve(m.url);
      });
      worker.once("exit", (code, signal) => {
        reject(new Error(`worker ${worker.process.pid} exited (${signal ?? code}) before listening`));
        if (stopping) return;
        if (code === 0) {
          // A clean exit is a stop (Ctrl-C reaches every process of the group): end with the last one.
          if (Object.values(cluster.workers ?? {}).every((w) => !w || w.isDead())) process.exit(0);
          return;
        }
        const now = Date.now();
        recentDeaths.push(now);
        while (recentDeaths[0]! < now - 60_000) recentDeaths.shift();
        if (recentDeaths.length > 5) {
          process.stderr.write("cognate: workers keep exiting (more than 5 in a minute); stopping.\n");
          void stop(1);
          return;
        }
        process.stderr.write(
          `cognate: worker ${worker.process.pid} exited (${signal ?? code}); starting another.\n`,
        );
        setTimeout(() => void fork().catch(() => {}), 500).unref();
      });
    });

  const stop = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.isDead()) return resolve();
            w.once("exit", () => resolve());
            w.process.kill("SIGTERM");
          }),
      ),
    );
    process.exit(exitCode);
  };
  process.once("SIGINT", () => void stop(0));
  process.once("SIGTERM", () => void stop(0));

  try {
    const urls = await Promise.all(Array.from({ length: count }, fork));
    return { url: urls[0]! };
  } catch (e) {
    await stop(1);
    throw e;
  }
}

/** A worker of `cognate start --workers N`: one server, reporting to the primary once it listens. */
export async function startWorker(config: Config): Promise<void> {
  const { startServer } = await import("./main.ts");
  const server = await startServer(config);
  process.send?.({ cognate: "listening", url: server.url } satisfies Listening);
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  // The primary is gone (killed without a chance to stop us): do not linger.
  process.once("disconnect", stop);
}

export const isWorker = (): boolean => cluster.isWorker;

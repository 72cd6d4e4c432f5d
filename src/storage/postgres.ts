import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from "kysely";
import pg from "pg";
import type { Clock } from "../runtime/clock.ts";
import type { ConfigCache, ConfigFeed } from "./config-cache.ts";
import { KyselyStore } from "./kysely-store.ts";
import { PgPipeline } from "./pg-pipeline.ts";
import type { Database } from "./schema.ts";

const INT8 = 20;

/** Connects to PostgreSQL at `url` and migrates it. Several cognate processes may share one database. */
export async function openPostgresStore(url: string, clock: Clock, poolSize = 10): Promise<KyselyStore> {
  // bigint columns hold epoch milliseconds, well inside Number's exact range.
  const types = {
    getTypeParser: ((oid: number, format?: "text" | "binary") =>
      oid === INT8
        ? (v: string) => Number(v)
        : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  };
  // Transactions and session-level statements: a connection each, from a pool.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types });
  // An idle connection the server drops (restart, failover) must not crash the process; the pool replaces it.
  pool.on("error", () => {});
  // Every other statement: a few shared, pipelined connections.
  const pipeline = new PgPipeline(
    () => new pg.Client({ connectionString: url, types, pipeline: true, keepAlive: true }),
  );
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new PreparingPool(pool, pipeline) }),
  });
  await KyselyStore.migrate(db, "postgres");
  const feed = new NotifyFeed(url);
  const store = new KyselyStore(db, "postgres", clock, feed);
  await feed.start(store.configCache);
  return store;
}

const CHANNEL = "cognate_config";

/**
 * Cross-instance invalidation of the config cache: every instance LISTENs on one channel, and a
 * pool or client write sends NOTIFY in its own transaction, so PostgreSQL delivers it to all
 * instances (this one included) when the write commits. While the listening connection is down
 * the cache is off and every read goes to the database; it reconnects with backoff.
 */
class NotifyFeed implements ConfigFeed {
  #client: pg.Client | undefined;
  #closed = false;
  #retryMs = 250;
  #timer: NodeJS.Timeout | undefined;
  constructor(private readonly url: string) {}

  async start(cache: ConfigCache): Promise<void> {
    cache.setEnabled(false);
    const client = new pg.Client({ connectionString: this.url });
    this.#client = client;
    let lost = false;
    const onLost = () => {
      if (lost) return;
      lost = true;
      cache.setEnabled(false);
      void client.end().catch(() => {});
      if (this.#closed) return;
      this.#timer = setTimeout(() => void this.start(cache).catch(() => {}), this.#retryMs);
      this.#timer.unref();
      this.#retryMs = Math.min(this.#retryMs * 2, 30_000);
    };
    client.on("error", onLost);
    client.on("end", onLost);
    client.on("notification", () => cache.invalidate());
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (e) {
      onLost();
      throw e;
    }
    this.#retryMs = 250;
    cache.setEnabled(true);
  }

  async announce(run: (sql: string) => Promise<void>): Promise<void> {
    await run(`NOTIFY ${CHANNEL}`);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    await this.#client?.end().catch(() => {});
  }
}

/** Statements worth preparing: data queries, not transaction control or DDL. */
const DATA_QUERY = /^\s*(select|insert|update|delete|with)\b/i;
/** Data queries that change session state, so must stay on one connection with what follows. */
const SESSION_STATE = /\bpg_(try_)?advisory_(un)?lock|\bset_config\s*\(/i;

/**
 * Kysely's pool, in two parts:
 *
 * - A connection that Kysely acquires runs its statements on the shared pipelined connections
 *   (PgPipeline) for as long as they are single data queries. Its first statement that is not,
 *   such as the `begin` Kysely sends to open a transaction or a session-level advisory lock (the
 *   migrator's), takes a dedicated connection from the pool, and that statement and every later one
 *   of this acquisition run there. Kysely opens a transaction right after acquiring, so a
 *   transaction's statements never reach the shared connections.
 * - Every data query runs as a named prepared statement, so PostgreSQL parses and plans each
 *   distinct statement once per connection instead of on every request (Kysely sends unnamed
 *   statements). On a GetUser this halved the database server's CPU (bench/README.md).
 *
 * Names are per process and per SQL text; after MAX_NAMED distinct texts, new ones run unnamed.
 * A prepared `SELECT *` fails with "cached plan must not change result type" (SQLSTATE 0A000)
 * when another instance's migration changed the table under it; such a connection is dropped
 * rather than reused, so the next one prepares afresh.
 */
export class PreparingPool implements PostgresPool {
  static readonly MAX_NAMED = 2000;
  readonly #names = new Map<string, string>();
  constructor(
    private readonly pool: pg.Pool,
    private readonly pipeline?: PgPipeline,
  ) {}

  #nameFor(sql: string): string | undefined {
    let name = this.#names.get(sql);
    if (name === undefined && this.#names.size < PreparingPool.MAX_NAMED && DATA_QUERY.test(sql)) {
      name = `cognate_${this.#names.size}`;
      this.#names.set(sql, name);
    }
    return name;
  }

  async connect(): Promise<PostgresPoolClient> {
    let dedicated: Promise<pg.PoolClient> | undefined;
    let broken = false;
    const pinned = () => (dedicated ??= this.pool.connect());
    const query = async (sql: string, parameters: readonly unknown[]) => {
      const name = this.#nameFor(sql);
      if (this.pipeline && !dedicated && DATA_QUERY.test(sql) && !SESSION_STATE.test(sql))
        return this.pipeline.query(sql, [...parameters], name);
      const client = await pinned();
      try {
        return name === undefined
          ? await client.query(sql, [...parameters])
          : await client.query({ name, text: sql, values: [...parameters] });
      } catch (e) {
        if ((e as { code?: string }).code === "0A000") broken = true;
        throw e;
      }
    };
    return {
      query: ((sqlOrCursor: unknown, parameters?: readonly unknown[]) =>
        typeof sqlOrCursor === "string"
          ? query(sqlOrCursor, parameters ?? [])
          : pinned().then((c) => c.query(sqlOrCursor as never))) as unknown as PostgresPoolClient["query"],
      release: () => {
        // Released without waiting: a connection that never pinned one has nothing to give back.
        void dedicated?.then(
          (c) => c.release(broken),
          () => {},
        );
      },
    };
  }

  async end(): Promise<void> {
    await Promise.all([this.pool.end(), this.pipeline?.end()]);
  }
}

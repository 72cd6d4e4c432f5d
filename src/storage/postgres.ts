import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from "kysely";
import pg from "pg";
import type { Clock } from "../runtime/clock.ts";
import type { ConfigCache, ConfigFeed } from "./config-cache.ts";
import { KyselyStore } from "./kysely-store.ts";
import type { Database } from "./schema.ts";

const INT8 = 20;

/** Connects to PostgreSQL at `url` and migrates it. Several cognate processes may share one database. */
export async function openPostgresStore(url: string, clock: Clock, poolSize = 10): Promise<KyselyStore> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // bigint columns hold epoch milliseconds, well inside Number's exact range.
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === INT8
          ? (v: string) => Number(v)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server drops (restart, failover) must not crash the process; the pool replaces it.
  pool.on("error", () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new PreparingPool(pool) }) });
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

/**
 * Runs every data query as a named prepared statement, so PostgreSQL parses and plans each
 * distinct statement once per connection instead of on every request (Kysely sends unnamed
 * statements). On a GetUser this halved the database server's CPU (bench/README.md).
 *
 * Names are per process and per SQL text; after MAX_NAMED distinct texts, new ones run unnamed.
 * A prepared `SELECT *` fails with "cached plan must not change result type" (SQLSTATE 0A000)
 * when another instance's migration changed the table under it; such a connection is dropped
 * rather than reused, so the next one prepares afresh.
 */
export class PreparingPool implements PostgresPool {
  static readonly MAX_NAMED = 2000;
  readonly #names = new Map<string, string>();
  constructor(private readonly pool: pg.Pool) {}

  #nameFor(sql: string): string | undefined {
    let name = this.#names.get(sql);
    if (name === undefined && this.#names.size < PreparingPool.MAX_NAMED && DATA_QUERY.test(sql)) {
      name = `cognate_${this.#names.size}`;
      this.#names.set(sql, name);
    }
    return name;
  }

  async connect(): Promise<PostgresPoolClient> {
    const client = await this.pool.connect();
    let broken = false;
    const query = async (sql: string, parameters: readonly unknown[]) => {
      const name = this.#nameFor(sql);
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
          : client.query(sqlOrCursor as never)) as unknown as PostgresPoolClient["query"],
      release: () => client.release(broken),
    };
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}

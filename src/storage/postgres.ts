import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Clock } from "../runtime/clock.ts";
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
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  await KyselyStore.migrate(db, "postgres");
  return new KyselyStore(db, "postgres", clock);
}

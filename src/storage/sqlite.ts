import { mkdirSync } from "node:fs";
import { join } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { Clock } from "../runtime/clock.ts";
import { KyselyStore } from "./kysely-store.ts";
import type { Database } from "./schema.ts";

/** Opens (creating if needed) `<dataDir>/cognate.sqlite` with WAL and foreign keys, and migrates it. */
export async function openSqliteStore(dataDir: string, clock: Clock): Promise<KyselyStore> {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, "cognate.sqlite");
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  await KyselyStore.migrate(db, "sqlite");
  return new KyselyStore(db, "sqlite", clock);
}

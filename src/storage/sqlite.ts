import { mkdirSync } from "node:fs";
import { join } from "node:path";
import SqliteDatabase from "better-sqlite3";
import {
  Kysely,
  type SqliteDatabase as KyselySqliteDatabase,
  SqliteDialect,
  type SqliteStatement,
} from "kysely";
import type { Clock } from "../runtime/clock.ts";
import type { ConfigFeed } from "./config-cache.ts";
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
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  await migrationLock(dataDir, () => KyselyStore.migrate(db, "sqlite"));
  return new KyselyStore(db, "sqlite", clock, dataVersionFeed(sqlite));
}

/**
 * Another process (a second server on the same data folder, `cognate seed`) may change pools and
 * clients: `PRAGMA data_version` changes whenever another connection commits, and costs a
 * microsecond to read, so the config cache checks it before every hit.
 */
function dataVersionFeed(sqlite: SqliteDatabase.Database): ConfigFeed {
  const read = sqlite.prepare("PRAGMA data_version").pluck();
  let seen = read.get();
  return {
    changedElsewhere() {
      const now = read.get();
      if (now === seen) return false;
      seen = now;
      return true;
    },
  };
}

const lockedDirs = new Map<string, Promise<unknown>>();

/**
 * Lets one process at a time migrate a data folder. Kysely's SQLite migration lock is only a row
 * in the same database, so two processes started together (`cognate start` and `cognate seed`)
 * could both apply a migration ("duplicate column name"). An exclusive transaction on a small
 * side database is the cross-process mutex; an in-process queue keeps two opens in one process
 * from waiting on each other synchronously.
 */
async function migrationLock<T>(dataDir: string, fn: () => Promise<T>): Promise<T> {
  const before = lockedDirs.get(dataDir) ?? Promise.resolve();
  const run = before
    .catch(() => {})
    .then(async () => {
      const lock = new SqliteDatabase(join(dataDir, "cognate.migrate-lock.sqlite"));
      try {
        lock.pragma("busy_timeout = 60000");
        lock.exec("BEGIN EXCLUSIVE");
        try {
          return await fn();
        } finally {
          lock.exec("COMMIT");
        }
      } finally {
        lock.close();
      }
    });
  lockedDirs.set(dataDir, run);
  try {
    return await run;
  } finally {
    if (lockedDirs.get(dataDir) === run) lockedDirs.delete(dataDir);
  }
}

/**
 * Kysely prepares every query anew; re-preparing the same few dozen statements was ~8 %
 * of a GetUser on SQLite (bench/README.md). Safe to reuse: the one connection runs a
 * single statement at a time, and SQLite re-prepares a statement after a schema change.
 */
function withStatementCache(sqlite: SqliteDatabase.Database, max = 1000): KyselySqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => sqlite.close(),
    prepare(text) {
      // Kysely begins transactions DEFERRED; with several processes on one file (--workers) a
      // transaction that reads and then writes would fail with SQLITE_BUSY_SNAPSHOT when another
      // committed in between. IMMEDIATE takes the write lock first (waiting up to busy_timeout).
      const sql = text === "begin" ? "begin immediate" : text;
      let stmt = cache.get(sql);
      if (!stmt) {
        stmt = sqlite.prepare(sql) as unknown as SqliteStatement;
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
        cache.set(sql, stmt);
      }
      return stmt;
    },
  };
}

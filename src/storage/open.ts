import type { Config } from "../config/schema.ts";
import type { Clock } from "../runtime/clock.ts";
import { openPostgresStore } from "./postgres.ts";
import { openSqliteStore } from "./sqlite.ts";
import type { Store } from "./store.ts";

/** PostgreSQL when `databaseUrl` is set, otherwise SQLite in `dataDir`. */
export function openStore(config: Pick<Config, "databaseUrl" | "dataDir">, clock: Clock): Promise<Store> {
  return config.databaseUrl
    ? openPostgresStore(config.databaseUrl, clock)
    : openSqliteStore(config.dataDir, clock);
}

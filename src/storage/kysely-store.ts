import { type Kysely, type Migration, type MigrationProvider, Migrator, sql, type Transaction } from "kysely";
import type { Clock } from "../runtime/clock.ts";
import { ConfigCache, type ConfigFeed } from "./config-cache.ts";
import { migrations } from "./migrations/index.ts";
import {
  codesRepository,
  metaRepository,
  outboxRepository,
  rateLimitsRepository,
  refreshTokensRepository,
  sessionsRepository,
} from "./repositories/auth-state.ts";
import type { Db } from "./repositories/common.ts";
import { devicesRepository } from "./repositories/devices.ts";
import { groupsRepository } from "./repositories/groups.ts";
import { identityPoolsRepository } from "./repositories/identity-pools.ts";
import { identityProvidersRepository } from "./repositories/identity-providers.ts";
import { oauthRepository } from "./repositories/oauth.ts";
import { clientsRepository, poolsRepository } from "./repositories/pools.ts";
import { uiCustomizationsRepository } from "./repositories/ui-customizations.ts";
import { userImportJobsRepository } from "./repositories/user-import-jobs.ts";
import { usersRepository } from "./repositories/users.ts";
import { webauthnRepository } from "./repositories/webauthn.ts";
import type { Database, Dialect } from "./schema.ts";
import type { Store } from "./store.ts";

/** The one Store implementation; sqlite.ts and postgres.ts only build the Kysely dialect. */
export class KyselyStore implements Store {
  readonly meta;
  readonly pools: Store["pools"];
  readonly clients: Store["clients"];
  readonly users;
  readonly groups;
  readonly refreshTokens;
  readonly codes;
  readonly sessions;
  readonly outbox;
  readonly rateLimits;
  readonly identityPools;
  readonly devices;
  readonly oauth;
  readonly webauthn;
  readonly identityProviders;
  readonly uiCustomizations;
  readonly userImportJobs;

  /** Pools and clients cached for this process (config-cache.ts). */
  readonly configCache: ConfigCache;
  /** Set in a transaction's store when it changed pools or clients: the cache is cleared again after commit. */
  private configWritten = false;

  constructor(
    private readonly db: Db,
    readonly dialect: Dialect,
    private readonly clock: Clock,
    feedOrCache: ConfigFeed | ConfigCache = {},
    private readonly isTransaction = false,
  ) {
    this.configCache =
      feedOrCache instanceof ConfigCache ? feedOrCache : new ConfigCache(() => clock.nowMs(), feedOrCache);
    const inTx = <T>(fn: (db: Db) => Promise<T>): Promise<T> =>
      this.isTransaction ? fn(this.db) : this.db.transaction().execute((trx) => fn(trx));
    let counter = 0;
    this.meta = metaRepository(db);
    const pools = poolsRepository(db, inTx);
    const clients = clientsRepository(db);
    const changed = async () => {
      this.configWritten = true;
      await this.configCache.announce(async (text) => {
        await sql.raw(text).execute(db);
      });
    };
    // Reads outside transactions go through the cache; reads inside one see the transaction's own writes.
    this.pools = {
      ...pools,
      get: (id) => (isTransaction ? pools.get(id) : this.configCache.pool(id, () => pools.get(id))),
      update: async (...args) => {
        await pools.update(...args);
        await changed();
      },
      delete: async (id) => {
        const deleted = await pools.delete(id);
        await changed();
        return deleted;
      },
    };
    this.clients = {
      ...clients,
      get: (id) => (isTransaction ? clients.get(id) : this.configCache.client(id, () => clients.get(id))),
      update: async (c) => {
        await clients.update(c);
        await changed();
      },
      delete: async (id) => {
        const deleted = await clients.delete(id);
        await changed();
        return deleted;
      },
    };
    this.users = usersRepository(db, dialect, inTx);
    this.groups = groupsRepository(db, async (poolId, ids) => {
      const out = [];
      for (const id of ids) {
        const u = await this.users.getById(poolId, id);
        if (u) out.push(u);
      }
      return out;
    });
    this.refreshTokens = refreshTokensRepository(db, dialect);
    this.codes = codesRepository(db);
    this.sessions = sessionsRepository(db);
    this.outbox = outboxRepository(db, () => this.clock.nowMs() * 1000 + (counter++ % 1000));
    this.rateLimits = rateLimitsRepository(db);
    this.identityPools = identityPoolsRepository(db);
    this.devices = devicesRepository(db);
    this.oauth = oauthRepository(db);
    this.webauthn = webauthnRepository(db);
    this.identityProviders = identityProvidersRepository(db, inTx);
    this.uiCustomizations = uiCustomizationsRepository(db);
    this.userImportJobs = userImportJobsRepository(db);
  }

  async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    if (this.isTransaction) return fn(this);
    let tx: KyselyStore | undefined;
    try {
      return await this.db.transaction().execute((trx: Transaction<Database>) => {
        tx = new KyselyStore(trx, this.dialect, this.clock, this.configCache, true);
        return fn(tx);
      });
    } finally {
      // A read between the write and the commit may have cached the old row: clear again.
      if (tx?.configWritten) this.configCache.invalidate();
    }
  }

  async close(): Promise<void> {
    if (this.isTransaction) return;
    await this.configCache.close();
    await this.db.destroy();
  }

  /** Applies pending migrations; safe to call from several instances at once (Kysely takes a lock). */
  static async migrate(db: Kysely<Database>, dialect: Dialect): Promise<string[]> {
    const all = migrations(dialect);
    const provider: MigrationProvider = {
      getMigrations: async (): Promise<Record<string, Migration>> => all,
    };
    const migrator = new Migrator({
      db,
      provider,
      migrationTableName: "cognate_migrations",
      migrationLockTableName: "cognate_migrations_lock",
    });
    const { error, results } = await migrator.migrateToLatest();
    if (error) throw error instanceof Error ? error : new Error(String(error));
    return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
  }
}

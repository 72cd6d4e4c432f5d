import type { ClientRecord, PoolRecord } from "./records.ts";

/**
 * How a store learns that another process changed pools or app clients, and tells the others.
 * SQLite: `PRAGMA data_version` moves when another connection commits (checked before each
 * cached read). PostgreSQL: LISTEN/NOTIFY on one channel, the NOTIFY sent inside the writing
 * transaction so it is delivered when that commits (see postgres.ts).
 */
export interface ConfigFeed {
  /** True when another process may have written since the last call. */
  changedElsewhere?(): boolean;
  /** Tells other processes that configuration changed; `run` executes SQL in the writer's transaction. */
  announce?(run: (sql: string) => Promise<void>): Promise<void>;
  close?(): Promise<void>;
}

interface Entry<T> {
  value: T;
  at: number;
}

/**
 * User pools and app clients, kept per process: every API call reads its client and pool, and
 * they change rarely. Any local change clears the cache at once; other processes' changes arrive
 * through the ConfigFeed. Entries also expire after `ttlMs` as a backstop.
 *
 * Races: a read that started before an invalidation does not store what it read (the epoch moved).
 * Cached records are frozen, so a caller cannot change what the next caller sees.
 */
export class ConfigCache {
  static readonly MAX_ENTRIES = 10_000;
  readonly #pools = new Map<string, Entry<PoolRecord>>();
  readonly #clients = new Map<string, Entry<ClientRecord>>();
  #epoch = 0;
  #enabled = true;

  constructor(
    private readonly nowMs: () => number,
    private readonly feed: ConfigFeed = {},
    private readonly ttlMs = 60_000,
  ) {}

  pool(id: string, load: () => Promise<PoolRecord | undefined>): Promise<PoolRecord | undefined> {
    return this.#get(this.#pools, id, load);
  }

  client(id: string, load: () => Promise<ClientRecord | undefined>): Promise<ClientRecord | undefined> {
    return this.#get(this.#clients, id, load);
  }

  /** Forgets everything (configuration writes are rare; clearing all keeps cascades simple). */
  invalidate(): void {
    this.#epoch++;
    this.#pools.clear();
    this.#clients.clear();
  }

  /** Off while the feed cannot vouch for freshness (PostgreSQL listener down): every read goes to storage. */
  setEnabled(on: boolean): void {
    this.invalidate();
    this.#enabled = on;
  }

  announce(run: (sql: string) => Promise<void>): Promise<void> {
    this.invalidate();
    return this.feed.announce ? this.feed.announce(run) : Promise.resolve();
  }

  close(): Promise<void> {
    return this.feed.close ? this.feed.close() : Promise.resolve();
  }

  async #get<T extends object>(
    map: Map<string, Entry<T>>,
    key: string,
    load: () => Promise<T | undefined>,
  ): Promise<T | undefined> {
    if (!this.#enabled) return load();
    if (this.feed.changedElsewhere?.()) this.invalidate();
    const now = this.nowMs();
    const hit = map.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    const epoch = this.#epoch;
    const value = await load();
    // Misses are not cached: a pool or client created by another process is found at once.
    if (value !== undefined && epoch === this.#epoch && this.#enabled) {
      if (map.size >= ConfigCache.MAX_ENTRIES) map.delete(map.keys().next().value!);
      map.set(key, { value: deepFreeze(value), at: now });
    }
    return value;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

import { type Compilable, CompiledQuery, type Kysely } from "kysely";
import type { Database } from "../schema.ts";

export type Db = Kysely<Database>;

const compiledSql = new WeakMap<Db, Map<string, string>>();

/**
 * Runs a query whose SQL is compiled once per database handle. Kysely builds and compiles every
 * query anew (≈15 µs each), which is a fifth of a GetUser; the few queries on every signed-in
 * request use this. `build` must bind its parameters in the order of `params`.
 *
 * @example
 * const rows = await runCompiled<PoolRow>(db, "pools.get", () => db.selectFrom("user_pools").selectAll().where("id", "=", ""), [id]);
 */
export async function runCompiled<R>(
  db: Db,
  key: string,
  build: () => Compilable<unknown>,
  params: readonly unknown[],
): Promise<R[]> {
  let byKey = compiledSql.get(db);
  if (!byKey) {
    byKey = new Map();
    compiledSql.set(db, byKey);
  }
  let sql = byKey.get(key);
  if (sql === undefined) {
    sql = build().compile().sql;
    byKey.set(key, sql);
  }
  return (await db.executeQuery<R>(CompiledQuery.raw(sql, [...params]))).rows;
}

/** Pagination helper: fetch `limit + 1`, return `next` when there is more. */
export function page<R, T>(
  rows: R[],
  limit: number,
  map: (r: R) => T,
  key: (r: R) => string,
): { items: T[]; next?: string } {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const out: { items: T[]; next?: string } = { items: kept.map(map) };
  if (more && kept.length > 0) out.next = key(kept[kept.length - 1]!);
  return out;
}

export const json = (s: string): Record<string, unknown> => JSON.parse(s) as Record<string, unknown>;

/** The upper bound of a prefix range in binary ("C") collation. */
export const prefixEnd = (prefix: string): string => `${prefix}\u{10FFFF}`;

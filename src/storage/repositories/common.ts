import type { Kysely } from "kysely";
import type { Database } from "../schema.ts";

export type Db = Kysely<Database>;

/** Pagination helper: fetch `limit + 1`, return `next` when there is more. */
export function page<R, T>(rows: R[], limit: number, map: (r: R) => T, key: (r: R) => string): { items: T[]; next?: string } {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const out: { items: T[]; next?: string } = { items: kept.map(map) };
  if (more && kept.length > 0) out.next = key(kept[kept.length - 1]!);
  return out;
}

export const json = (s: string): Record<string, unknown> => JSON.parse(s) as Record<string, unknown>;

/** The upper bound of a prefix range in binary ("C") collation. */
export const prefixEnd = (prefix: string): string => `${prefix}\u{10FFFF}`;

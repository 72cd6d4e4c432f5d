import { type ExpressionBuilder, type Selectable, sql } from "kysely";
import type { UserRecord, UserStatus } from "../records.ts";
import type { Database, Dialect } from "../schema.ts";
import type { Store, UserFilter } from "../store.ts";
import { type Db, json, page, prefixEnd, runCompiled } from "./common.ts";

type UserRow = Selectable<Database["users"]>;

/** Filter names that live in users' own columns rather than in user_attributes. */
const columnFilters: Record<string, "username" | "status" | "enabled" | "id"> = {
  username: "username",
  "cognito:user_status": "status",
  status: "enabled",
  sub: "id",
};

async function withAttributes(db: Db, rows: UserRow[]): Promise<UserRecord[]> {
  if (rows.length === 0) return [];
  const attrs = await db
    .selectFrom("user_attributes")
    .select(["user_id", "name", "value"])
    .where(
      "user_id",
      "in",
      rows.map((r) => r.id),
    )
    .execute();
  const byUser = new Map<string, Record<string, string>>();
  for (const r of rows) byUser.set(r.id, { sub: r.id });
  for (const a of attrs) byUser.get(a.user_id)![a.name] = a.value;
  return rows.map((r) => toRecord(r, byUser.get(r.id)!));
}

function toRecord(r: UserRow, attributes: Record<string, string>): UserRecord {
  return {
    id: r.id,
    poolId: r.pool_id,
    username: r.username,
    usernameNorm: r.username_norm,
    status: r.status as UserStatus,
    enabled: r.enabled === 1,
    passwordHash: r.password_hash,
    passwordSetAt: r.password_set_at,
    srpSalt: r.srp_salt,
    srpVerifier: r.srp_verifier,
    mfa: json(r.mfa),
    failedAttempts: r.failed_attempts,
    lockedUntil: r.locked_until,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    attributes,
  };
}

/**
 * One user and its attributes in a single round trip (a row per attribute). Every signed-in
 * request reads its user; a second query cost ~80 µs of CPU on PostgreSQL (bench/README.md).
 */
async function oneUser(
  db: Db,
  poolId: string,
  by: "id" | "username_norm",
  value: string,
): Promise<UserRecord | undefined> {
  type Row = UserRow & { attr_name: string | null; attr_value: string | null };
  const rows = await runCompiled<Row>(
    db,
    `users.one.${by}`,
    () =>
      db
        .selectFrom("users")
        .leftJoin("user_attributes as a", "a.user_id", "users.id")
        .selectAll("users")
        .select(["a.name as attr_name", "a.value as attr_value"])
        .where(by === "id" ? "users.id" : "users.username_norm", "=", "")
        .where("users.pool_id", "=", ""),
    [value, poolId],
  );
  return userFromJoinedRows(rows);
}

/** Rows of `users` left-joined with `user_attributes` (`attr_name`, `attr_value`): one user, or none. */
export function userFromJoinedRows(
  rows: ({ [K in keyof UserRow]: UserRow[K] | null } & {
    attr_name: string | null;
    attr_value: string | null;
  })[],
): UserRecord | undefined {
  const first = rows[0];
  if (!first || first.id === null) return undefined;
  const attributes: Record<string, string> = { sub: first.id };
  for (const r of rows)
    if (r.attr_name !== null && r.attr_value !== null) attributes[r.attr_name] = r.attr_value;
  return toRecord(first as UserRow, attributes);
}

/** A `users` row (all null when a left join found none) and its attributes as (name, value) pairs. */
export function userFromRow(
  row: { [K in keyof UserRow]: UserRow[K] | null },
  pairs: readonly { name: string; value: string }[],
): UserRecord | undefined {
  if (row.id === null) return undefined;
  const attributes: Record<string, string> = { sub: row.id };
  for (const a of pairs) attributes[a.name] = a.value;
  return toRecord(row as UserRow, attributes);
}

/** The sign-in session and its user in one query (a row per attribute); see Store["users"]. */
async function withSession(db: Db, poolId: string, id: string, originJti: string) {
  type Row = { session_revoked_at: number | null; attr_name: string | null; attr_value: string | null } & {
    [K in keyof UserRow]: UserRow[K] | null;
  };
  const rows = await runCompiled<Row>(
    db,
    "users.withSession",
    () =>
      db
        .selectFrom("refresh_tokens as rt")
        .leftJoin("users", (j) => j.on("users.id", "=", "").on("users.pool_id", "=", ""))
        .leftJoin("user_attributes as a", "a.user_id", "users.id")
        .selectAll("users")
        .select(["rt.revoked_at as session_revoked_at", "a.name as attr_name", "a.value as attr_value"])
        .where("rt.origin_jti", "=", ""),
    [id, poolId, originJti],
  );
  const first = rows[0];
  if (!first) return {};
  const session = { revokedAt: first.session_revoked_at };
  const user = userFromJoinedRows(rows);
  return user ? { session, user } : { session };
}

/** The (name, value) pairs of `names` that `attrs` sets to a non-empty value. */
function uniquePairs(names: readonly string[] | undefined, attrs: Record<string, string>) {
  return (names ?? [])
    .map((name) => [name, attrs[name]] as const)
    .filter((e): e is readonly [string, string] => typeof e[1] === "string" && e[1] !== "");
}

/** The first of `pairs` another user of the pool holds (call after lockValues). */
async function takenBy(
  tx: Db,
  poolId: string,
  userId: string,
  pairs: readonly (readonly [string, string])[],
): Promise<string | undefined> {
  for (const [name, value] of pairs) {
    const other = await tx
      .selectFrom("user_attributes")
      .select("user_id")
      .where("pool_id", "=", poolId)
      .where("name", "=", name)
      .where("value", "=", value)
      .where("user_id", "<>", userId)
      .limit(1)
      .executeTakeFirst();
    if (other) return name;
  }
  return undefined;
}

/**
 * The (name, value) pairs of `aliases` (a pool's AliasAttributes) that this update leaves verified
 * on the user (`<name>_verified` = "true" afterwards), reading what the update does not set.
 */
async function verifiedAliasPairs(
  tx: Db,
  userId: string,
  attrs: Record<string, string>,
  aliases: readonly string[] | undefined,
): Promise<(readonly [string, string])[]> {
  const touched = (aliases ?? []).filter((n) => n in attrs || `${n}_verified` in attrs);
  if (touched.length === 0) return [];
  const current = new Map(
    (
      await tx
        .selectFrom("user_attributes")
        .select(["name", "value"])
        .where("user_id", "=", userId)
        .where(
          "name",
          "in",
          touched.flatMap((n) => [n, `${n}_verified`]),
        )
        .execute()
    ).map((r) => [r.name, r.value]),
  );
  const after = (name: string) => attrs[name] ?? current.get(name);
  return touched
    .filter((n) => after(`${n}_verified`) === "true" && !!after(n))
    .map((n) => [n, after(n)!] as const);
}

/** The first of `pairs` another user of the pool holds verified (call after lockValues). */
async function takenVerified(
  tx: Db,
  poolId: string,
  userId: string,
  pairs: readonly (readonly [string, string])[],
): Promise<string | undefined> {
  for (const [name, value] of pairs) {
    const other = await tx
      .selectFrom("user_attributes as a")
      .innerJoin("user_attributes as v", (j) =>
        j
          .onRef("v.user_id", "=", "a.user_id")
          .on("v.name", "=", `${name}_verified`)
          .on("v.value", "=", "true"),
      )
      .select("a.user_id")
      .where("a.pool_id", "=", poolId)
      .where("a.name", "=", name)
      .where("a.value", "=", value)
      .where("a.user_id", "<>", userId)
      .limit(1)
      .executeTakeFirst();
    if (other) return name;
  }
  return undefined;
}

/**
 * Makes writers of one (pool, attribute, value) take turns until their transactions end: a
 * PostgreSQL advisory transaction lock per value, taken in one order so that two writers of the
 * same values cannot deadlock. On SQLite the transaction's write lock does it (transactions begin
 * IMMEDIATE, sqlite.ts).
 */
async function lockValues(
  tx: Db,
  dialect: Dialect,
  poolId: string,
  pairs: readonly (readonly [string, string])[],
) {
  if (dialect !== "postgres") return;
  const keys = [...new Set(pairs.map(([name, value]) => `${poolId}\n${name}\n${value}`))].sort();
  for (const key of keys) await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(tx);
}

export function usersRepository(
  db: Db,
  dialect: Dialect,
  inTransaction: <T>(fn: (db: Db) => Promise<T>) => Promise<T>,
): Store["users"] {
  return {
    async create(u, opts) {
      const unique = uniquePairs(opts?.uniqueAttributes, u.attributes);
      const row = {
        id: u.id,
        pool_id: u.poolId,
        username: u.username,
        username_norm: u.usernameNorm,
        status: u.status,
        enabled: u.enabled ? 1 : 0,
        password_hash: u.passwordHash,
        password_set_at: u.passwordSetAt,
        srp_salt: u.srpSalt ?? null,
        srp_verifier: u.srpVerifier ?? null,
        mfa: JSON.stringify(u.mfa),
        failed_attempts: u.failedAttempts,
        locked_until: u.lockedUntil,
        created_at: u.createdAt,
        updated_at: u.updatedAt,
      };
      const attributes = Object.entries(u.attributes).filter(([name]) => name !== "sub");
      if (dialect === "postgres" && unique.length === 0) {
        // One statement, so one round trip and atomic without BEGIN/COMMIT: the user, then its
        // attributes only if the user row went in (data-modifying CTEs, PostgreSQL only).
        const withUser = db.with("u", (w) =>
          w
            .insertInto("users")
            .values(row)
            .onConflict((oc) => oc.columns(["pool_id", "username_norm"]).doNothing())
            .returning("id"),
        );
        const q =
          attributes.length === 0
            ? withUser.selectFrom("u").select("u.id")
            : withUser
                .with("a", (w) =>
                  w
                    .insertInto("user_attributes")
                    .columns(["user_id", "pool_id", "name", "value"])
                    .expression(
                      attributes
                        .map(([name, value]) =>
                          w
                            .selectFrom("u")
                            .select((eb) => [
                              "u.id as user_id",
                              eb.val(u.poolId).as("pool_id"),
                              eb.val(name).as("name"),
                              eb.val(value).as("value"),
                            ]),
                        )
                        .reduce((all, one) => all.unionAll(one)),
                    ),
                )
                .selectFrom("u")
                .select("u.id");
        return (await q.execute()).length === 1;
      }
      return inTransaction(async (tx) => {
        await lockValues(tx, dialect, u.poolId, unique);
        if (await takenBy(tx, u.poolId, u.id, unique)) return false;
        const r = await tx
          .insertInto("users")
          .values(row)
          .onConflict((oc) => oc.columns(["pool_id", "username_norm"]).doNothing())
          .executeTakeFirst();
        if (r.numInsertedOrUpdatedRows !== 1n) return false;
        if (attributes.length > 0)
          await tx
            .insertInto("user_attributes")
            .values(attributes.map(([name, value]) => ({ user_id: u.id, pool_id: u.poolId, name, value })))
            .execute();
        return true;
      });
    },
    getByUsername: (poolId, usernameNorm) => oneUser(db, poolId, "username_norm", usernameNorm),
    getById: (poolId, id) => oneUser(db, poolId, "id", id),
    getWithSession: (poolId, id, originJti) => withSession(db, poolId, id, originJti),
    async findByAttribute(poolId, name, value) {
      const rows = await db
        .selectFrom("users")
        .innerJoin("user_attributes as a", "a.user_id", "users.id")
        .selectAll("users")
        .where("a.pool_id", "=", poolId)
        .where("a.name", "=", name)
        .where("a.value", "=", value)
        .execute();
      return withAttributes(db, rows);
    },
    async recordFailedAttempt(id) {
      const r = await db
        .updateTable("users")
        .set((eb) => ({ failed_attempts: eb("failed_attempts", "+", 1) }))
        .where("id", "=", id)
        .returning("failed_attempts")
        .executeTakeFirst();
      return r?.failed_attempts ?? 0;
    },
    async update(id, patch, updatedAt) {
      const set: Partial<UserRow> = { updated_at: updatedAt };
      if (patch.status !== undefined) set.status = patch.status;
      if (patch.enabled !== undefined) set.enabled = patch.enabled ? 1 : 0;
      if (patch.passwordHash !== undefined) set.password_hash = patch.passwordHash;
      if (patch.passwordSetAt !== undefined) set.password_set_at = patch.passwordSetAt;
      if (patch.srpSalt !== undefined) set.srp_salt = patch.srpSalt;
      if (patch.srpVerifier !== undefined) set.srp_verifier = patch.srpVerifier;
      if (patch.mfa !== undefined) set.mfa = JSON.stringify(patch.mfa);
      if (patch.failedAttempts !== undefined) set.failed_attempts = patch.failedAttempts;
      if (patch.lockedUntil !== undefined) set.locked_until = patch.lockedUntil;
      await db.updateTable("users").set(set).where("id", "=", id).execute();
    },
    async setAttributes(user, attrs, updatedAt, opts) {
      const rows = Object.entries(attrs)
        .filter(([name]) => name !== "sub")
        .map(([name, value]) => ({ user_id: user.id, pool_id: user.poolId, name, value }));
      const unique = uniquePairs(opts?.uniqueAttributes, attrs);
      return inTransaction(async (tx) => {
        const aliases = await verifiedAliasPairs(tx, user.id, attrs, opts?.verifiedAliases);
        await lockValues(tx, dialect, user.poolId, [...unique, ...aliases]);
        const taken =
          (await takenBy(tx, user.poolId, user.id, unique)) ??
          (await takenVerified(tx, user.poolId, user.id, aliases));
        if (taken) return taken;
        if (rows.length > 0)
          await tx
            .insertInto("user_attributes")
            .values(rows)
            .onConflict((oc) =>
              oc.columns(["user_id", "name"]).doUpdateSet((eb) => ({ value: eb.ref("excluded.value") })),
            )
            .execute();
        await tx.updateTable("users").set({ updated_at: updatedAt }).where("id", "=", user.id).execute();
        return undefined;
      });
    },
    async deleteAttributes(userId, names, updatedAt) {
      if (names.length === 0) return;
      await inTransaction(async (tx) => {
        await tx
          .deleteFrom("user_attributes")
          .where("user_id", "=", userId)
          .where("name", "in", names)
          .execute();
        await tx.updateTable("users").set({ updated_at: updatedAt }).where("id", "=", userId).execute();
      });
    },
    async delete(id) {
      const r = await db.deleteFrom("users").where("id", "=", id).executeTakeFirst();
      return r.numDeletedRows > 0n;
    },
    async list(poolId, { limit, after, filter }) {
      let q = db
        .selectFrom("users")
        .selectAll("users")
        .where("users.pool_id", "=", poolId)
        .orderBy("users.id")
        .limit(limit + 1);
      if (after) q = q.where("users.id", ">", after);
      if (filter) q = applyFilter(q, poolId, filter);
      const rows = await q.execute();
      const p = page(
        rows,
        limit,
        (r) => r,
        (r) => r.id,
      );
      const out: { items: UserRecord[]; next?: string } = { items: await withAttributes(db, p.items) };
      if (p.next) out.next = p.next;
      return out;
    },
    async count(poolId) {
      const r = await db
        .selectFrom("users")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("pool_id", "=", poolId)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}

// biome-ignore lint/suspicious/noExplicitAny: the query builder type is long and only used here
function applyFilter(q: any, poolId: string, f: UserFilter): any {
  const column = columnFilters[f.name];
  if (column) {
    const ref = `users.${column}`;
    if (column === "enabled") {
      const want = f.value.toLowerCase() === "enabled" ? 1 : f.value.toLowerCase() === "disabled" ? 0 : -1;
      return q.where(ref, "=", want);
    }
    return f.op === "="
      ? q.where(ref, "=", f.value)
      : q.where(ref, ">=", f.value).where(ref, "<", prefixEnd(f.value));
  }
  // An IN subquery rather than a join: with a join, SQLite (no statistics) walks every user of
  // the pool in id order and probes the attribute, O(pool size); this way it looks the value up
  // in user_attributes_lookup first and fetches only the matches, still in id order (bench/README.md).
  return q.where("users.id", "in", (eb: ExpressionBuilder<Database, "users">) => {
    const sub = eb
      .selectFrom("user_attributes as fa")
      .select("fa.user_id")
      .where("fa.pool_id", "=", poolId)
      .where("fa.name", "=", f.name);
    return f.op === "="
      ? sub.where("fa.value", "=", f.value)
      : sub.where("fa.value", ">=", f.value).where("fa.value", "<", prefixEnd(f.value));
  });
}

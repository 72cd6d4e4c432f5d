import type { Selectable } from "kysely";
import { jsonArrayFrom as pgJsonArrayFrom } from "kysely/helpers/postgres";
import { jsonArrayFrom as sqliteJsonArrayFrom } from "kysely/helpers/sqlite";
import type { CodeRecord, OutboxMessage, RefreshTokenRecord } from "../records.ts";
import type { Database, Dialect } from "../schema.ts";
import type { Store } from "../store.ts";
import { type Db, runCompiled } from "./common.ts";
import { toGroup } from "./groups.ts";
import { userFromRow } from "./users.ts";

const toToken = (r: Selectable<Database["refresh_tokens"]>): RefreshTokenRecord => ({
  tokenHash: r.token_hash,
  originJti: r.origin_jti,
  poolId: r.pool_id,
  clientId: r.client_id,
  userId: r.user_id,
  authTime: r.auth_time,
  eventId: r.event_id,
  scopes: r.scopes,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
  rotatedAt: r.rotated_at,
});

/** A JSON array column: PostgreSQL hands it back parsed, SQLite as text. */
type JsonColumn<T> = string | T[] | null;
const jsonRows = <T>(raw: JsonColumn<T>): T[] => (typeof raw === "string" ? JSON.parse(raw) : (raw ?? []));

export function refreshTokensRepository(db: Db, dialect: Dialect): Store["refreshTokens"] {
  const jsonArrayFrom = dialect === "postgres" ? pgJsonArrayFrom : sqliteJsonArrayFrom;
  return {
    async create(t) {
      await db
        .insertInto("refresh_tokens")
        .values({
          token_hash: t.tokenHash,
          origin_jti: t.originJti,
          pool_id: t.poolId,
          client_id: t.clientId,
          user_id: t.userId,
          auth_time: t.authTime,
          event_id: t.eventId,
          scopes: t.scopes,
          created_at: t.createdAt,
          expires_at: t.expiresAt,
          revoked_at: t.revokedAt,
        })
        .execute();
    },
    async getByHash(tokenHash) {
      const [r] = await runCompiled<Selectable<Database["refresh_tokens"]>>(
        db,
        "refreshTokens.byHash",
        () => db.selectFrom("refresh_tokens").selectAll().where("token_hash", "=", ""),
        [tokenHash],
      );
      return r && toToken(r);
    },
    async getByHashWithUser(tokenHash) {
      // Every refresh reads the token, its user, the user's attributes and groups: one round trip
      // and one row, the attributes and groups as JSON arrays (a row per attribute cost the client
      // more to parse than the JSON).
      type Row = { [K in keyof Selectable<Database["users"]>]: Selectable<Database["users"]>[K] | null } & {
        attrs_json: JsonColumn<{ name: string; value: string }>;
        groups_json: JsonColumn<Selectable<Database["groups"]>>;
      } & {
        [K in keyof Selectable<Database["refresh_tokens"]> as `rt_${K}`]: Selectable<
          Database["refresh_tokens"]
        >[K];
      };
      const [row] = await runCompiled<Row>(
        db,
        "refreshTokens.byHashWithUser",
        () =>
          db
            .selectFrom("refresh_tokens as rt")
            .leftJoin("users", (j) =>
              j.onRef("users.id", "=", "rt.user_id").onRef("users.pool_id", "=", "rt.pool_id"),
            )
            .selectAll("users")
            .select([
              "rt.token_hash as rt_token_hash",
              "rt.origin_jti as rt_origin_jti",
              "rt.pool_id as rt_pool_id",
              "rt.client_id as rt_client_id",
              "rt.user_id as rt_user_id",
              "rt.auth_time as rt_auth_time",
              "rt.event_id as rt_event_id",
              "rt.scopes as rt_scopes",
              "rt.created_at as rt_created_at",
              "rt.expires_at as rt_expires_at",
              "rt.revoked_at as rt_revoked_at",
              "rt.rotated_at as rt_rotated_at",
              (eb) =>
                jsonArrayFrom(
                  eb
                    .selectFrom("user_attributes as a")
                    .select(["a.name", "a.value"])
                    .whereRef("a.user_id", "=", "users.id"),
                ).as("attrs_json"),
              (eb) =>
                jsonArrayFrom(
                  eb
                    .selectFrom("group_members as m")
                    .innerJoin("groups as g", (j) =>
                      j.onRef("g.pool_id", "=", "m.pool_id").onRef("g.name", "=", "m.group_name"),
                    )
                    .select([
                      "g.pool_id",
                      "g.name",
                      "g.description",
                      "g.role_arn",
                      "g.precedence",
                      "g.created_at",
                      "g.updated_at",
                    ])
                    .whereRef("m.user_id", "=", "users.id")
                    .orderBy("g.name"),
                ).as("groups_json"),
            ])
            .where("rt.token_hash", "=", ""),
        [tokenHash],
      );
      if (!row) return {};
      const token = toToken({
        token_hash: row.rt_token_hash,
        origin_jti: row.rt_origin_jti,
        pool_id: row.rt_pool_id,
        client_id: row.rt_client_id,
        user_id: row.rt_user_id,
        auth_time: row.rt_auth_time,
        event_id: row.rt_event_id,
        scopes: row.rt_scopes,
        created_at: row.rt_created_at,
        expires_at: row.rt_expires_at,
        revoked_at: row.rt_revoked_at,
        rotated_at: row.rt_rotated_at,
      });
      const user = userFromRow(row, jsonRows(row.attrs_json));
      if (!user) return { token };
      return { token, user, groups: jsonRows(row.groups_json).map(toGroup) };
    },
    async revoke(originJti, at) {
      await db
        .updateTable("refresh_tokens")
        .set({ revoked_at: at })
        .where("origin_jti", "=", originJti)
        .where("revoked_at", "is", null)
        .execute();
    },
    async revokeAllForUser(userId, at) {
      await db
        .updateTable("refresh_tokens")
        .set({ revoked_at: at })
        .where("user_id", "=", userId)
        .where("revoked_at", "is", null)
        .execute();
    },
    async retire(tokenHash, at, until) {
      const r = await db
        .updateTable("refresh_tokens")
        .set({ rotated_at: at, expires_at: until })
        .where("token_hash", "=", tokenHash)
        .where("rotated_at", "is", null)
        .where("revoked_at", "is", null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
  };
}

const toCode = (r: Selectable<Database["codes"]>): CodeRecord => ({
  userId: r.user_id,
  purpose: r.purpose,
  codeHash: r.code_hash,
  data: r.data,
  attempts: r.attempts,
  expiresAt: r.expires_at,
  createdAt: r.created_at,
});

export function codesRepository(db: Db): Store["codes"] {
  return {
    async put(c) {
      const row = {
        user_id: c.userId,
        purpose: c.purpose,
        code_hash: c.codeHash,
        data: c.data,
        attempts: c.attempts,
        expires_at: c.expiresAt,
        created_at: c.createdAt,
      };
      await db
        .insertInto("codes")
        .values(row)
        .onConflict((oc) =>
          oc.columns(["user_id", "purpose"]).doUpdateSet({
            code_hash: row.code_hash,
            data: row.data,
            attempts: row.attempts,
            expires_at: row.expires_at,
            created_at: row.created_at,
          }),
        )
        .execute();
    },
    async get(userId, purpose) {
      const r = await db
        .selectFrom("codes")
        .selectAll()
        .where("user_id", "=", userId)
        .where("purpose", "=", purpose)
        .executeTakeFirst();
      return r && toCode(r);
    },
    async consume(userId, purpose) {
      const r = await db
        .deleteFrom("codes")
        .where("user_id", "=", userId)
        .where("purpose", "=", purpose)
        .executeTakeFirst();
      return r.numDeletedRows === 1n;
    },
    async spendAttempt(userId, purpose, max) {
      const r = await db
        .updateTable("codes")
        .set((eb) => ({ attempts: eb("attempts", "+", 1) }))
        .where("user_id", "=", userId)
        .where("purpose", "=", purpose)
        .where("attempts", "<", max)
        .executeTakeFirst();
      return r.numUpdatedRows === 1n;
    },
    async countFailure(userId, purpose) {
      await db
        .updateTable("codes")
        .set((eb) => ({ attempts: eb("attempts", "+", 1) }))
        .where("user_id", "=", userId)
        .where("purpose", "=", purpose)
        .execute();
    },
    async delete(userId, purpose) {
      await db.deleteFrom("codes").where("user_id", "=", userId).where("purpose", "=", purpose).execute();
    },
  };
}

export function sessionsRepository(db: Db): Store["sessions"] {
  return {
    async markUsed(id, expiresAt) {
      const r = await db
        .insertInto("used_sessions")
        .values({ id, expires_at: expiresAt })
        .onConflict((oc) => oc.column("id").doNothing())
        .executeTakeFirst();
      return r.numInsertedOrUpdatedRows === 1n;
    },
    async purgeExpired(now) {
      await db.deleteFrom("used_sessions").where("expires_at", "<", now).execute();
    },
  };
}

const toMessage = (r: Selectable<Database["outbox"]>): OutboxMessage => ({
  id: r.id,
  seq: r.seq,
  poolId: r.pool_id,
  username: r.username,
  channel: r.channel as OutboxMessage["channel"],
  destination: r.destination,
  subject: r.subject,
  body: r.body,
  code: r.code,
  createdAt: r.created_at,
});

export function outboxRepository(db: Db, nextSeq: () => number): Store["outbox"] {
  return {
    async add(m) {
      await db
        .insertInto("outbox")
        .values({
          id: m.id,
          seq: nextSeq(),
          pool_id: m.poolId,
          username: m.username,
          channel: m.channel,
          destination: m.destination,
          subject: m.subject,
          body: m.body,
          code: m.code,
          created_at: m.createdAt,
        })
        .execute();
    },
    async list({ poolId, username, limit }) {
      let q = db.selectFrom("outbox").selectAll().orderBy("seq", "desc").limit(limit);
      if (poolId) q = q.where("pool_id", "=", poolId);
      if (username) q = q.where("username", "=", username);
      return (await q.execute()).map(toMessage);
    },
  };
}

export function metaRepository(db: Db): Store["meta"] {
  return {
    async get(key) {
      return (await db.selectFrom("meta").select("value").where("key", "=", key).executeTakeFirst())?.value;
    },
    async getOrCreate(key, value) {
      await db
        .insertInto("meta")
        .values({ key, value })
        .onConflict((oc) => oc.column("key").doNothing())
        .execute();
      return (await db.selectFrom("meta").select("value").where("key", "=", key).executeTakeFirstOrThrow())
        .value;
    },
  };
}

export function rateLimitsRepository(db: Db): Store["rateLimits"] {
  return {
    async hit(bucket, windowStart) {
      const r = await db
        .insertInto("rate_limits")
        .values({ bucket, window_start: windowStart, count: 1 })
        .onConflict((oc) =>
          oc.column("bucket").doUpdateSet((eb) => ({
            count: eb
              .case()
              .when("rate_limits.window_start", "=", windowStart)
              .then(eb("rate_limits.count", "+", 1))
              .else(1)
              .end(),
            window_start: windowStart,
          })),
        )
        .returning("count")
        .executeTakeFirstOrThrow();
      return r.count;
    },
  };
}

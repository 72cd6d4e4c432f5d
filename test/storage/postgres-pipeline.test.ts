// PostgreSQL only: single statements share a few pipelined connections (src/storage/pg-pipeline.ts),
// transactions and session-level statements get their own. What must hold for that to be safe.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import { ManualClock } from "../../src/runtime/clock.ts";
import { PgPipeline } from "../../src/storage/pg-pipeline.ts";
import { openPostgresStore } from "../../src/storage/postgres.ts";
import type { UserRecord } from "../../src/storage/records.ts";
import type { Store } from "../../src/storage/store.ts";
import { BACKENDS, freshPostgresDatabase } from "../support/server.ts";

const clock = new ManualClock(new Date("2026-01-01T00:00:00Z"));

const user = (id: string, username = id): UserRecord => ({
  id,
  poolId: "p1",
  username,
  usernameNorm: username,
  status: "CONFIRMED",
  enabled: true,
  passwordHash: null,
  passwordSetAt: null,
  mfa: {},
  failedAttempts: 0,
  lockedUntil: null,
  createdAt: 1,
  updatedAt: 1,
  attributes: { sub: id, email: `${id}@example.com` },
});

describe("PostgreSQL pipelined connections", { skip: !BACKENDS.includes("postgres") }, () => {
  let db: { url: string; drop(): Promise<void> };
  let s: Store;
  let admin: pg.Client;

  before(async () => {
    db = await freshPostgresDatabase();
    s = await openPostgresStore(db.url, clock);
    await s.pools.create(
      { id: "p1", name: "p1", config: {}, createdAt: 1, updatedAt: 1 },
      { kid: "k1", poolId: "p1", privateJwk: {}, publicJwk: {}, createdAt: 1 },
    );
    for (let i = 0; i < 20; i++) await s.users.create(user(`u${i}`));
    admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
  });
  after(async () => {
    await admin.end();
    await s.close();
    await db.drop();
  });

  /** Server processes whose last statement read a user by id: the connections reads went over. */
  const readers = async () =>
    Number(
      (
        await admin.query(
          `select count(*)::int as n from pg_stat_activity
            where datname = current_database() and pid <> pg_backend_pid() and query like '%where "users"."id" = $1%'`,
        )
      ).rows[0].n,
    );

  test("64 reads at once go over at most 2 connections and each gets its own user", async () => {
    const ids = Array.from({ length: 64 }, (_, i) => `u${i % 20}`);
    const got = await Promise.all(ids.map((id) => s.users.getById("p1", id)));
    assert.deepEqual(
      got.map((u) => u?.id),
      ids,
    );
    assert.deepEqual(
      got.map((u) => u?.attributes.email),
      ids.map((id) => `${id}@example.com`),
    );
    const n = await readers();
    assert.ok(n >= 1 && n <= 2, `reads used ${n} connections`);
  });

  test("a statement that fails among concurrent ones fails alone", async () => {
    const results = await Promise.allSettled([
      s.users.getById("p1", "u1"),
      s.users.create(user("dup-a", "u2")), // username u2 is taken: refused by the unique index
      s.users.getById("p1", "u3"),
      s.users.create(user("fresh1")),
      s.users.getById("p1", "u4"),
    ]);
    assert.deepEqual(
      results.map((r) => r.status),
      ["fulfilled", "fulfilled", "fulfilled", "fulfilled", "fulfilled"],
    );
    const values = results.map((r) => (r as PromiseFulfilledResult<unknown>).value);
    assert.equal((values[0] as UserRecord).id, "u1");
    assert.equal(values[1], false);
    assert.equal((values[2] as UserRecord).id, "u3");
    assert.equal(values[3], true);
    assert.equal((values[4] as UserRecord).id, "u4");
    assert.equal(await s.users.getById("p1", "dup-a"), undefined);
    assert.equal((await s.users.getById("p1", "fresh1"))?.username, "fresh1");
  });

  test("a transaction runs on its own connection: its writes are unseen until commit, gone on rollback", async () => {
    let release!: () => void;
    const paused = new Promise<void>((r) => {
      release = r;
    });
    let wrote!: () => void;
    const written = new Promise<void>((r) => {
      wrote = r;
    });
    const tx = s.transaction(async (t) => {
      await t.users.setAttributes({ id: "u5", poolId: "p1" }, { name: "In flight" }, 2);
      wrote();
      await paused;
      throw new Error("roll back");
    });
    await written;
    // Single statements keep flowing while the transaction is open, and do not see its write.
    assert.equal((await s.users.getById("p1", "u5"))?.attributes.name, undefined);
    assert.equal((await s.users.getById("p1", "u6"))?.id, "u6");
    release();
    await assert.rejects(tx, /roll back/);
    assert.equal((await s.users.getById("p1", "u5"))?.attributes.name, undefined);
  });

  test("after the server drops every connection, the next requests reconnect", async () => {
    await admin.query(
      "select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()",
    );
    await new Promise((r) => setTimeout(r, 100));
    // A request caught mid-flight may fail once (as with a pool); those after it must not.
    await s.users.getById("p1", "u7").catch(() => undefined);
    const again = await Promise.all([s.users.getById("p1", "u7"), s.users.getById("p1", "u8")]);
    assert.deepEqual(
      again.map((u) => u?.id),
      ["u7", "u8"],
    );
  });

  test("two processes opening a new database at once both migrate it (the migration lock stays on one connection)", async () => {
    const fresh = await freshPostgresDatabase();
    try {
      const opened = await Promise.race([
        Promise.all([openPostgresStore(fresh.url, clock), openPostgresStore(fresh.url, clock)]),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error("migrations hung")), 20_000)),
      ]);
      for (const store of opened) {
        assert.equal(await store.users.getById("p1", "nobody"), undefined);
        await store.close();
      }
    } finally {
      await fresh.drop();
    }
  });

  test("a slow statement holds up only its own connection", async () => {
    const pipe = new PgPipeline(() => new pg.Client({ connectionString: db.url, pipeline: true }), 2);
    try {
      await pipe.query("select 1", []);
      const order: string[] = [];
      const slow = pipe.query("select pg_sleep(0.5)", []).then(() => order.push("slow"));
      const quick = Promise.all(
        Array.from({ length: 5 }, (_, i) => pipe.query("select $1::int as i", [i])),
      ).then(() => order.push("quick"));
      await Promise.all([slow, quick]);
      assert.deepEqual(order, ["quick", "slow"]);
      assert.equal(pipe.size, 2);
    } finally {
      await pipe.end();
    }
  });
});

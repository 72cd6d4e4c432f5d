// One storage contract, run unchanged on SQLite and PostgreSQL (STYLE.md, "Storage").
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { ManualClock } from "../../src/runtime/clock.ts";
import { openPostgresStore } from "../../src/storage/postgres.ts";
import type { UserRecord } from "../../src/storage/records.ts";
import { openSqliteStore } from "../../src/storage/sqlite.ts";
import type { Store } from "../../src/storage/store.ts";
import { BACKENDS, freshPostgresDatabase } from "../support/server.ts";

const clock = new ManualClock(new Date("2026-01-01T00:00:00Z"));

async function open(
  backend: string,
): Promise<{ store: Store; reopen(): Promise<Store>; cleanup(): Promise<void> }> {
  if (backend === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "cognate-contract-"));
    return {
      store: await openSqliteStore(dir, clock),
      reopen: () => openSqliteStore(dir, clock),
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const db = await freshPostgresDatabase();
  return {
    store: await openPostgresStore(db.url, clock),
    reopen: () => openPostgresStore(db.url, clock),
    cleanup: db.drop,
  };
}

const pool = (id: string) => ({ id, name: id, config: { a: 1 }, createdAt: 1, updatedAt: 1 });
const key = (poolId: string) => ({
  kid: `kid-${poolId}`,
  poolId,
  privateJwk: { k: 1 },
  publicJwk: { k: 2 },
  createdAt: 1,
});
const user = (
  id: string,
  poolId: string,
  username: string,
  attributes: Record<string, string> = {},
): UserRecord => ({
  id,
  poolId,
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
  attributes: { sub: id, ...attributes },
});

/** A refresh token row of pool p1 for `userId`; tests add tokenHash and originJti. */
const refreshToken = (userId: string) => ({
  poolId: "p1",
  clientId: "c",
  userId,
  authTime: 1,
  eventId: "e",
  scopes: "s",
  createdAt: 1,
  expiresAt: 99,
  revokedAt: null,
});

for (const backend of BACKENDS) {
  describe(`storage contract (${backend})`, () => {
    let s: Store;
    let h: Awaited<ReturnType<typeof open>>;
    before(async () => {
      h = await open(backend);
      s = h.store;
      await s.pools.create(pool("p1"), key("p1"));
    });
    after(async () => {
      await s.close();
      await h.cleanup();
    });

    test("migrations are idempotent: reopening the same database works and keeps data", async () => {
      const again = await h.reopen();
      assert.equal((await again.pools.get("p1"))?.name, "p1");
      await again.close();
    });

    test("usernames are unique per pool (database constraint), nothing partial is written", async () => {
      assert.equal(await s.users.create(user("u1", "p1", "ann", { email: "ann@example.com" })), true);
      assert.equal(await s.users.create(user("u2", "p1", "ann", { email: "other@example.com" })), false);
      assert.equal(await s.users.getById("p1", "u2"), undefined);
      assert.deepEqual(await s.users.findByAttribute("p1", "email", "other@example.com"), []);
      const ann = await s.users.getByUsername("p1", "ann");
      assert.deepEqual(ann?.attributes, { sub: "u1", email: "ann@example.com" });
    });

    test("uniqueAttributes: of concurrent creates holding one email, exactly one succeeds", async () => {
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          s.users.create(user(`race${i}`, "p1", `race${i}`, { email: "race@example.com" }), {
            uniqueAttributes: ["email"],
          }),
        ),
      );
      assert.equal(results.filter(Boolean).length, 1);
      const holders = await s.users.findByAttribute("p1", "email", "race@example.com");
      assert.equal(holders.length, 1);
      assert.equal(holders[0]!.id, `race${results.indexOf(true)}`);
      // The losers left nothing behind; without the option, a shared email is allowed.
      assert.equal(await s.users.getById("p1", `race${(results.indexOf(true) + 1) % 6}`), undefined);
      assert.equal(
        await s.users.create(user("race-free", "p1", "race-free", { email: "race@example.com" })),
        true,
      );
      // Inside a caller's transaction: refused, and the caller's other writes are untouched.
      await s.transaction(async (tx) => {
        await tx.rateLimits.hit("in-tx", 1);
        assert.equal(
          await tx.users.create(user("race-tx", "p1", "race-tx", { email: "race@example.com" }), {
            uniqueAttributes: ["email"],
          }),
          false,
        );
      });
      assert.equal(await s.users.getById("p1", "race-tx"), undefined);
      assert.equal(await s.rateLimits.hit("in-tx", 1), 2);
    });

    test("uniqueAttributes: a create waits for an open transaction that holds the email, then is refused", async () => {
      let release!: () => void;
      const paused = new Promise<void>((r) => {
        release = r;
      });
      const first = s.transaction(async (tx) => {
        const ok = await tx.users.create(user("hold1", "p1", "hold1", { email: "hold@example.com" }), {
          uniqueAttributes: ["email"],
        });
        await paused; // not committed yet
        return ok;
      });
      await new Promise((r) => setTimeout(r, 100));
      const second = s.users.create(user("hold2", "p1", "hold2", { email: "hold@example.com" }), {
        uniqueAttributes: ["email"],
      });
      await new Promise((r) => setTimeout(r, 200));
      release();
      assert.deepEqual([await first, await second], [true, false]);
      assert.deepEqual(
        (await s.users.findByAttribute("p1", "email", "hold@example.com")).map((u) => u.id),
        ["hold1"],
      );
    });

    test("setAttributes with uniqueAttributes: refused, writing nothing, while another user holds the value", async () => {
      const unique = { uniqueAttributes: ["email"] } as const;
      await s.users.create(user("sa1", "p1", "sa1", { email: "sa1@example.com" }));
      await s.users.create(user("sa2", "p1", "sa2", { email: "sa2@example.com" }));
      assert.equal(
        await s.users.setAttributes(
          { id: "sa2", poolId: "p1" },
          { email: "sa1@example.com", name: "X" },
          5,
          unique,
        ),
        "email",
      );
      assert.deepEqual((await s.users.getById("p1", "sa2"))?.attributes, {
        sub: "sa2",
        email: "sa2@example.com",
      });
      // Its own value, or a free one, is fine.
      assert.equal(
        await s.users.setAttributes({ id: "sa1", poolId: "p1" }, { email: "sa1@example.com" }, 5, unique),
        undefined,
      );
      // A writer waits for an open transaction that takes the value, then is refused.
      let release!: () => void;
      const paused = new Promise<void>((r) => {
        release = r;
      });
      const first = s.transaction(async (tx) => {
        const taken = await tx.users.setAttributes(
          { id: "sa1", poolId: "p1" },
          { email: "new@example.com" },
          6,
          unique,
        );
        await paused;
        return taken;
      });
      await new Promise((r) => setTimeout(r, 100));
      const second = s.users.setAttributes(
        { id: "sa2", poolId: "p1" },
        { email: "new@example.com" },
        6,
        unique,
      );
      await new Promise((r) => setTimeout(r, 200));
      release();
      assert.deepEqual([await first, await second], [undefined, "email"]);
      assert.deepEqual(
        (await s.users.findByAttribute("p1", "email", "new@example.com")).map((u) => u.id),
        ["sa1"],
      );
    });

    test("setAttributes with verifiedAliases: a verified alias another user holds verified is refused, race-free", async () => {
      const alias = { verifiedAliases: ["email"] } as const;
      await s.users.create(user("va1", "p1", "va1", { email: "va@example.com", email_verified: "true" }));
      await s.users.create(user("va2", "p1", "va2", { email: "va@example.com", email_verified: "false" }));
      // Unverified copies may share the address; verifying the second one may not.
      assert.equal(
        await s.users.setAttributes({ id: "va2", poolId: "p1" }, { email_verified: "true" }, 5, alias),
        "email",
      );
      assert.equal((await s.users.getById("p1", "va2"))?.attributes.email_verified, "false");
      // Another address, verified, is fine; so is an unverified copy of the taken one.
      assert.equal(
        await s.users.setAttributes(
          { id: "va2", poolId: "p1" },
          { email: "va2@example.com", email_verified: "true" },
          5,
          alias,
        ),
        undefined,
      );
      assert.equal(
        await s.users.setAttributes(
          { id: "va2", poolId: "p1" },
          { email: "va@example.com", email_verified: "false" },
          5,
          alias,
        ),
        undefined,
      );
      // Two users verifying one address at once: the second waits for the first, then is refused.
      await s.users.create(user("va3", "p1", "va3", { email: "both@example.com" }));
      await s.users.create(user("va4", "p1", "va4", { email: "both@example.com" }));
      let release!: () => void;
      const paused = new Promise<void>((r) => {
        release = r;
      });
      const first = s.transaction(async (tx) => {
        const taken = await tx.users.setAttributes(
          { id: "va3", poolId: "p1" },
          { email_verified: "true" },
          6,
          alias,
        );
        await paused;
        return taken;
      });
      await new Promise((r) => setTimeout(r, 100));
      const second = s.users.setAttributes({ id: "va4", poolId: "p1" }, { email_verified: "true" }, 6, alias);
      await new Promise((r) => setTimeout(r, 200));
      release();
      assert.deepEqual([await first, await second], [undefined, "email"]);
      assert.equal((await s.users.getById("p1", "va4"))?.attributes.email_verified, undefined);
    });

    test("a failed transaction writes nothing", async () => {
      await assert.rejects(
        s.transaction(async (tx) => {
          await tx.users.setAttributes({ id: "u1", poolId: "p1" }, { name: "Changed" }, 5);
          throw new Error("boom");
        }),
      );
      assert.equal((await s.users.getById("p1", "u1"))?.attributes.name, undefined);
    });

    test("attribute filters: exact and prefix, indexed by (pool, name, value)", async () => {
      for (let i = 0; i < 5; i++)
        await s.users.create(user(`f${i}`, "p1", `filter${i}`, { email: `f${i}@example.com` }));
      const exact = await s.users.list("p1", {
        limit: 10,
        filter: { name: "email", op: "=", value: "f3@example.com" },
      });
      assert.deepEqual(
        exact.items.map((u) => u.username),
        ["filter3"],
      );
      const prefix = await s.users.list("p1", { limit: 10, filter: { name: "email", op: "^=", value: "f" } });
      assert.equal(prefix.items.length, 5);
      const paged = await s.users.list("p1", {
        limit: 2,
        filter: { name: "username", op: "^=", value: "filter" },
      });
      assert.equal(paged.items.length, 2);
      assert.ok(paged.next);
      const rest = await s.users.list("p1", {
        limit: 10,
        after: paged.next,
        filter: { name: "username", op: "^=", value: "filter" },
      });
      assert.equal(rest.items.length, 3);
    });

    test("a code is consumed exactly once even when two callers race", async () => {
      await s.codes.put({
        userId: "u1",
        purpose: "signup",
        codeHash: "h",
        data: null,
        attempts: 0,
        expiresAt: 10,
        createdAt: 1,
      });
      const results = await Promise.all([
        s.codes.consume("u1", "signup"),
        s.codes.consume("u1", "signup"),
        s.codes.consume("u1", "signup"),
      ]);
      assert.deepEqual(results.filter(Boolean).length, 1);
    });

    test("a challenge session is marked used only once", async () => {
      const results = await Promise.all([
        s.sessions.markUsed("sess-1", 100),
        s.sessions.markUsed("sess-1", 100),
      ]);
      assert.deepEqual(results.sort(), [false, true]);
    });

    test("meta.getOrCreate keeps the first value (instances share server secrets)", async () => {
      assert.equal(await s.meta.getOrCreate("k", "first"), "first");
      assert.equal(await s.meta.getOrCreate("k", "second"), "first");
    });

    test("rate-limit windows count and reset", async () => {
      assert.equal(await s.rateLimits.hit("b", 1000), 1);
      assert.equal(await s.rateLimits.hit("b", 1000), 2);
      assert.equal(await s.rateLimits.hit("b", 2000), 1);
    });

    test("refresh tokens: revoke by origin_jti and for a user", async () => {
      const base = refreshToken("u1");
      await s.refreshTokens.create({ ...base, tokenHash: "t1", originJti: "o1" });
      await s.refreshTokens.create({ ...base, tokenHash: "t2", originJti: "o2" });
      await s.refreshTokens.revoke("o1", 7);
      assert.equal((await s.refreshTokens.getByHash("t1"))?.revokedAt, 7);
      assert.equal((await s.refreshTokens.getByHash("t2"))?.revokedAt, null);
      await s.refreshTokens.revokeAllForUser("u1", 8);
      assert.equal((await s.refreshTokens.getByHash("t2"))?.revokedAt, 8);
      assert.equal((await s.refreshTokens.getByHash("t1"))?.revokedAt, 7);
    });

    test("getWithSession and getByHashWithUser: a sign-in and its user, in one read", async () => {
      const base = refreshToken("ws");
      await s.users.create(user("ws", "p1", "with-session", { email: "ws@example.com", name: "W" }));
      await s.refreshTokens.create({ ...base, tokenHash: "ws1", originJti: "ws-o1" });
      const live = await s.users.getWithSession("p1", "ws", "ws-o1");
      assert.deepEqual(live.session, { revokedAt: null });
      assert.deepEqual(live.user?.attributes, { sub: "ws", email: "ws@example.com", name: "W" });
      assert.equal(live.user?.username, "with-session");
      await s.refreshTokens.revoke("ws-o1", 9);
      assert.deepEqual((await s.users.getWithSession("p1", "ws", "ws-o1")).session, { revokedAt: 9 });
      // A session that exists, but the user is not in that pool (or is gone).
      const elsewhere = await s.users.getWithSession("p-other", "ws", "ws-o1");
      assert.deepEqual(elsewhere, { session: { revokedAt: 9 } });
      assert.deepEqual(await s.users.getWithSession("p1", "ws", "never-issued"), {});
      const byHash = await s.refreshTokens.getByHashWithUser("ws1");
      assert.equal(byHash.token?.originJti, "ws-o1");
      assert.equal(byHash.token?.revokedAt, 9);
      assert.deepEqual(byHash.token, await s.refreshTokens.getByHash("ws1"));
      assert.deepEqual(byHash.user, live.user);
      assert.deepEqual(byHash.groups, []);
      for (const [name, precedence] of [
        ["ws-b", 1],
        ["ws-a", null],
      ] as const) {
        const g = {
          poolId: "p1",
          name,
          description: "d",
          roleArn: `arn:aws:iam::1:role/${name}`,
          precedence,
        };
        await s.groups.create({ ...g, createdAt: 1_700_000_000_000, updatedAt: 2 });
        await s.groups.addMember("p1", name, "ws");
      }
      const withGroups = await s.refreshTokens.getByHashWithUser("ws1");
      assert.deepEqual(withGroups.groups, (await s.groups.listForUser("ws")).items);
      assert.deepEqual(
        withGroups.groups?.map((g) => [g.name, g.precedence, g.createdAt]),
        [
          ["ws-a", null, 1_700_000_000_000],
          ["ws-b", 1, 1_700_000_000_000],
        ],
      );
      assert.deepEqual(withGroups.user?.attributes, live.user?.attributes);
      assert.deepEqual(await s.refreshTokens.getByHashWithUser("unknown"), {});
    });

    test("pools and clients changed through another connection are seen (config cache invalidation)", async () => {
      await s.clients.create({
        clientId: "cc",
        poolId: "p1",
        name: "before",
        secret: null,
        config: { ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"] },
        createdAt: 1,
        updatedAt: 1,
      });
      const cached = await s.clients.get("cc");
      assert.equal(cached?.name, "before");
      assert.equal((await s.pools.get("p1"))?.name, "p1");
      // What the cache hands out cannot be changed under the next caller.
      assert.throws(() => {
        (cached!.config.ExplicitAuthFlows as string[]).push("ALLOW_ADMIN_USER_PASSWORD_AUTH");
      }, TypeError);
      const other = await h.reopen();
      try {
        await other.clients.update({ ...cached!, name: "after", config: {} });
        await other.pools.update("p1", "renamed", { a: 2 }, 2);
        // SQLite sees the other connection's commit at once; PostgreSQL's NOTIFY arrives within milliseconds.
        const deadline = Date.now() + 3000;
        let seen: [string | undefined, string | undefined] = [undefined, undefined];
        while (Date.now() < deadline) {
          seen = [(await s.clients.get("cc"))?.name, (await s.pools.get("p1"))?.name];
          if (seen[0] === "after" && seen[1] === "renamed") break;
          await new Promise((r) => setTimeout(r, 10));
        }
        assert.deepEqual(seen, ["after", "renamed"]);
        await other.clients.delete("cc");
        const gone = Date.now() + 3000;
        while (Date.now() < gone && (await s.clients.get("cc")) !== undefined)
          await new Promise((r) => setTimeout(r, 10));
        assert.equal(await s.clients.get("cc"), undefined);
      } finally {
        await other.pools.update("p1", "p1", { a: 1 }, 1);
        await other.close();
      }
    });

    test("a change made in this process is seen at once, also after a transaction commits", async () => {
      assert.equal((await s.pools.get("p1"))?.name, "p1");
      await s.transaction(async (tx) => {
        await tx.pools.update("p1", "in-tx", { a: 3 }, 3);
        assert.equal((await tx.pools.get("p1"))?.name, "in-tx");
      });
      assert.equal((await s.pools.get("p1"))?.name, "in-tx");
      await s.pools.update("p1", "p1", { a: 1 }, 1);
      assert.equal((await s.pools.get("p1"))?.name, "p1");
    });

    test("groups: membership, unique names, cascade when the user goes", async () => {
      const g = {
        poolId: "p1",
        name: "g1",
        description: null,
        roleArn: null,
        precedence: 2,
        createdAt: 1,
        updatedAt: 1,
      };
      assert.equal(await s.groups.create(g), true);
      assert.equal(await s.groups.create(g), false);
      await s.users.create(user("gm", "p1", "member"));
      await s.groups.addMember("p1", "g1", "gm");
      await s.groups.addMember("p1", "g1", "gm");
      assert.deepEqual(
        (await s.groups.listForUser("gm")).items.map((x) => x.name),
        ["g1"],
      );
      assert.deepEqual(
        (await s.groups.listMembers("p1", "g1", 10)).items.map((u) => u.username),
        ["member"],
      );
      await s.users.delete("gm");
      assert.deepEqual((await s.groups.listMembers("p1", "g1", 10)).items, []);
    });

    test("deleting a pool removes what it owns", async () => {
      await s.pools.create(pool("p2"), key("p2"));
      await s.clients.create({
        clientId: "c2",
        poolId: "p2",
        name: "c",
        secret: null,
        config: {},
        createdAt: 1,
        updatedAt: 1,
      });
      await s.users.create(user("x2", "p2", "x", { email: "x@example.com" }));
      assert.equal(await s.pools.delete("p2"), true);
      assert.equal(await s.clients.get("c2"), undefined);
      assert.equal(await s.users.getById("p2", "x2"), undefined);
      assert.equal(await s.pools.signingKey("kid-p2"), undefined);
      assert.deepEqual(await s.users.findByAttribute("p2", "email", "x@example.com"), []);
    });

    test("outbox lists newest first, filtered", async () => {
      for (const n of [1, 2, 3]) {
        await s.outbox.add({
          id: `m${n}`,
          poolId: "p1",
          username: "ann",
          channel: "EMAIL",
          destination: "a@x",
          subject: null,
          body: `b${n}`,
          code: `${n}`,
          createdAt: n,
        });
      }
      const list = await s.outbox.list({ poolId: "p1", username: "ann", limit: 2 });
      assert.deepEqual(
        list.map((m) => m.code),
        ["3", "2"],
      );
    });
  });
}

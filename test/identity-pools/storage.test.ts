// The identityPools repository, run unchanged on SQLite and PostgreSQL (STYLE.md, "Storage").
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { ManualClock } from "../../src/runtime/clock.ts";
import { openPostgresStore } from "../../src/storage/postgres.ts";
import type { IdentityPoolRecord } from "../../src/storage/repositories/identity-pools.ts";
import { openSqliteStore } from "../../src/storage/sqlite.ts";
import type { Store } from "../../src/storage/store.ts";
import { BACKENDS, freshPostgresDatabase } from "../support/server.ts";

const clock = new ManualClock(new Date("2026-01-01T00:00:00Z"));

async function open(backend: string): Promise<{ store: Store; cleanup(): Promise<void> }> {
  if (backend === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "cognate-identity-store-"));
    return {
      store: await openSqliteStore(dir, clock),
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const db = await freshPostgresDatabase();
  return { store: await openPostgresStore(db.url, clock), cleanup: db.drop };
}

const pool = (id: string): IdentityPoolRecord => ({
  id,
  name: id,
  config: { AllowUnauthenticatedIdentities: true },
  roles: {},
  principalTags: {},
  tags: { t: "1" },
  createdAt: 1_767_225_600_000,
  updatedAt: 1_767_225_600_000,
});
const identity = (id: string, poolId: string) => ({
  id,
  poolId,
  disabled: false,
  createdAt: 1_767_225_600_000,
  updatedAt: 1_767_225_600_000,
});
const login = (poolId: string, provider: string, subject: string, identityId: string) => ({
  poolId,
  provider,
  subject,
  identityId,
  createdAt: 1,
});

for (const backend of BACKENDS) {
  describe(`identityPools repository (${backend})`, () => {
    let s: Store;
    let h: Awaited<ReturnType<typeof open>>;
    before(async () => {
      h = await open(backend);
      s = h.store;
    });
    after(async () => {
      await s.close();
      await h.cleanup();
    });

    test("pools round-trip, epoch milliseconds stay numbers, updates write every column", async () => {
      await s.identityPools.createPool(pool("r:1"));
      const got = await s.identityPools.getPool("r:1");
      assert.deepEqual(got, pool("r:1"));
      await s.identityPools.updatePool({
        ...got!,
        name: "renamed",
        roles: { Roles: { authenticated: "arn" } },
        tags: {},
        updatedAt: 1_767_225_700_000,
      });
      const updated = await s.identityPools.getPool("r:1");
      assert.equal(updated?.name, "renamed");
      assert.deepEqual(updated?.roles, { Roles: { authenticated: "arn" } });
      assert.deepEqual(updated?.tags, {});
      assert.equal(updated?.updatedAt, 1_767_225_700_000);
    });

    test("a login links to one identity only (database constraint)", async () => {
      await s.identityPools.createPool(pool("r:2"));
      await s.identityPools.createIdentity(identity("r:i1", "r:2"));
      await s.identityPools.createIdentity(identity("r:i2", "r:2"));
      assert.equal(await s.identityPools.addLogin(login("r:2", "idp", "alice", "r:i1")), true);
      assert.equal(await s.identityPools.addLogin(login("r:2", "idp", "alice", "r:i2")), false);
      assert.equal((await s.identityPools.findLogin("r:2", "idp", "alice"))?.identityId, "r:i1");
    });

    test("logins page by provider then subject; moveLogins re-links them all", async () => {
      await s.identityPools.createPool(pool("r:3"));
      await s.identityPools.createIdentity(identity("r:a", "r:3"));
      await s.identityPools.createIdentity(identity("r:b", "r:3"));
      for (const sub of ["u3", "u1", "u2"]) await s.identityPools.addLogin(login("r:3", "dev", sub, "r:a"));
      await s.identityPools.addLogin(login("r:3", "cognito", "x", "r:a"));
      const first = await s.identityPools.logins("r:a", { provider: "dev", limit: 2 });
      assert.deepEqual(
        first.items.map((l) => l.subject),
        ["u1", "u2"],
      );
      const rest = await s.identityPools.logins("r:a", { provider: "dev", limit: 2, after: first.next! });
      assert.deepEqual(
        rest.items.map((l) => l.subject),
        ["u3"],
      );
      assert.equal(rest.next, undefined);
      await s.identityPools.moveLogins("r:a", "r:b");
      assert.equal((await s.identityPools.logins("r:a")).items.length, 0);
      assert.deepEqual(
        (await s.identityPools.logins("r:b")).items.map((l) => `${l.provider}/${l.subject}`),
        ["cognito/x", "dev/u1", "dev/u2", "dev/u3"],
      );
    });

    test("listIdentities pages and can hide disabled identities", async () => {
      await s.identityPools.createPool(pool("r:4"));
      for (const id of ["r:4a", "r:4b", "r:4c"]) await s.identityPools.createIdentity(identity(id, "r:4"));
      await s.identityPools.updateIdentity("r:4b", { disabled: true }, 5);
      const p1 = await s.identityPools.listIdentities("r:4", { limit: 2 });
      assert.deepEqual(
        p1.items.map((i) => i.id),
        ["r:4a", "r:4b"],
      );
      const p2 = await s.identityPools.listIdentities("r:4", { limit: 2, after: p1.next! });
      assert.deepEqual(
        p2.items.map((i) => i.id),
        ["r:4c"],
      );
      const visible = await s.identityPools.listIdentities("r:4", { limit: 10, hideDisabled: true });
      assert.deepEqual(
        visible.items.map((i) => i.id),
        ["r:4a", "r:4c"],
      );
      assert.equal((await s.identityPools.getIdentity("r:4b"))?.disabled, true);
    });

    test("deleting a pool removes its identities and logins", async () => {
      await s.identityPools.createPool(pool("r:5"));
      await s.identityPools.createIdentity(identity("r:5a", "r:5"));
      await s.identityPools.addLogin(login("r:5", "idp", "bob", "r:5a"));
      assert.equal(await s.identityPools.deletePool("r:5"), true);
      assert.equal(await s.identityPools.getIdentity("r:5a"), undefined);
      assert.equal(await s.identityPools.findLogin("r:5", "idp", "bob"), undefined);
      assert.equal(await s.identityPools.deletePool("r:5"), false);
    });

    test("a failed transaction writes nothing", async () => {
      await s.identityPools.createPool(pool("r:6"));
      await assert.rejects(
        s.transaction(async (tx) => {
          await tx.identityPools.createIdentity(identity("r:6a", "r:6"));
          await tx.identityPools.addLogin(login("r:6", "idp", "carol", "r:6a"));
          throw new Error("boom");
        }),
        /boom/,
      );
      assert.equal(await s.identityPools.getIdentity("r:6a"), undefined);
      assert.equal(await s.identityPools.findLogin("r:6", "idp", "carol"), undefined);
    });
  });
}

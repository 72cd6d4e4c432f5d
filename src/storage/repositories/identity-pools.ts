import type { Page } from "../records.ts";
import { type Db, json, page } from "./common.ts";

/** An identity pool. `config` holds IdentityPool's settings; roles, tags and principal-tag maps are kept apart. */
export interface IdentityPoolRecord {
  /** `<region>:<uuid>` */
  id: string;
  name: string;
  config: Record<string, unknown>;
  /** `{ Roles, RoleMappings }` as SetIdentityPoolRoles sets them. */
  roles: Record<string, unknown>;
  /** Principal-tag attribute maps by identity provider name. */
  principalTags: Record<string, unknown>;
  tags: Record<string, string>;
  createdAt: number;
  updatedAt: number;
}

/** An identity in a pool (`<region>:<uuid>`). Disabled identities were merged into another one. */
export interface IdentityRecord {
  id: string;
  poolId: string;
  disabled: boolean;
  createdAt: number;
  updatedAt: number;
}

/** A login linked to an identity: `provider` is the provider name, `subject` the user within it. */
export interface IdentityLoginRecord {
  poolId: string;
  provider: string;
  subject: string;
  identityId: string;
  createdAt: number;
}

/** Tables of migration 0002-identity-pools, as Kysely sees them. */
export type IdentityTables = {
  identity_pools: {
    id: string;
    name: string;
    config: string;
    roles: string;
    principal_tags: string;
    tags: string;
    created_at: number;
    updated_at: number;
  };
  identities: { id: string; pool_id: string; disabled: number; created_at: number; updated_at: number };
  identity_logins: {
    pool_id: string;
    provider: string;
    subject: string;
    identity_id: string;
    created_at: number;
  };
};

/**
 * Storage for the Identity Pools API (`store.identityPools`). Every method is one use case;
 * callers group multi-row writes in `store.transaction`.
 *
 * @example
 * await store.transaction(async (tx) => {
 *   await tx.identityPools.createIdentity({ id, poolId, disabled: false, createdAt: now, updatedAt: now });
 *   await tx.identityPools.addLogin({ poolId, provider, subject: sub, identityId: id, createdAt: now });
 * });
 */
export interface IdentityPoolsRepository {
  createPool(pool: IdentityPoolRecord): Promise<void>;
  getPool(id: string): Promise<IdentityPoolRecord | undefined>;
  /** Writes name, config, roles, principal-tag maps and tags. */
  updatePool(pool: IdentityPoolRecord): Promise<void>;
  /** Deletes the pool with its identities and logins. */
  deletePool(id: string): Promise<boolean>;
  listPools(limit: number, after?: string): Promise<Page<IdentityPoolRecord>>;

  createIdentity(identity: IdentityRecord): Promise<void>;
  getIdentity(id: string): Promise<IdentityRecord | undefined>;
  updateIdentity(id: string, patch: { disabled?: boolean }, updatedAt: number): Promise<void>;
  deleteIdentity(id: string): Promise<boolean>;
  listIdentities(
    poolId: string,
    opts: { limit: number; after?: string; hideDisabled?: boolean },
  ): Promise<Page<IdentityRecord>>;

  /** The identity a login is linked to. */
  findLogin(poolId: string, provider: string, subject: string): Promise<IdentityLoginRecord | undefined>;
  /** Links a login; false (writing nothing) when that login is already linked to an identity. */
  addLogin(login: IdentityLoginRecord): Promise<boolean>;
  removeLogin(poolId: string, provider: string, subject: string): Promise<boolean>;
  /** Logins of an identity, ordered by provider then subject; `provider` narrows to one provider. */
  logins(
    identityId: string,
    opts?: { provider?: string; limit?: number; after?: string },
  ): Promise<Page<IdentityLoginRecord>>;
  /** Re-links every login of `from` to `to`. */
  moveLogins(from: string, to: string): Promise<void>;
}

type PoolRow = IdentityTables["identity_pools"];
const toPool = (r: PoolRow): IdentityPoolRecord => ({
  id: r.id,
  name: r.name,
  config: json(r.config),
  roles: json(r.roles),
  principalTags: json(r.principal_tags),
  tags: json(r.tags) as Record<string, string>,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
const toIdentity = (r: IdentityTables["identities"]): IdentityRecord => ({
  id: r.id,
  poolId: r.pool_id,
  disabled: r.disabled === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
const toLogin = (r: IdentityTables["identity_logins"]): IdentityLoginRecord => ({
  poolId: r.pool_id,
  provider: r.provider,
  subject: r.subject,
  identityId: r.identity_id,
  createdAt: r.created_at,
});
/** Login pages are keyed by provider and subject; a NUL cannot occur in either. */
const loginKey = (provider: string, subject: string) => `${provider}\u0000${subject}`;

export function identityPoolsRepository(base: Db): IdentityPoolsRepository {
  const db = base.withTables<IdentityTables>();
  return {
    async createPool(p) {
      await db
        .insertInto("identity_pools")
        .values({
          id: p.id,
          name: p.name,
          config: JSON.stringify(p.config),
          roles: JSON.stringify(p.roles),
          principal_tags: JSON.stringify(p.principalTags),
          tags: JSON.stringify(p.tags),
          created_at: p.createdAt,
          updated_at: p.updatedAt,
        })
        .execute();
    },
    async getPool(id) {
      const r = await db.selectFrom("identity_pools").selectAll().where("id", "=", id).executeTakeFirst();
      return r && toPool(r);
    },
    async updatePool(p) {
      await db
        .updateTable("identity_pools")
        .set({
          name: p.name,
          config: JSON.stringify(p.config),
          roles: JSON.stringify(p.roles),
          principal_tags: JSON.stringify(p.principalTags),
          tags: JSON.stringify(p.tags),
          updated_at: p.updatedAt,
        })
        .where("id", "=", p.id)
        .execute();
    },
    async deletePool(id) {
      const r = await db.deleteFrom("identity_pools").where("id", "=", id).executeTakeFirst();
      return r.numDeletedRows > 0n;
    },
    async listPools(limit, after) {
      let q = db
        .selectFrom("identity_pools")
        .selectAll()
        .orderBy("id")
        .limit(limit + 1);
      if (after) q = q.where("id", ">", after);
      return page(await q.execute(), limit, toPool, (r) => r.id);
    },

    async createIdentity(i) {
      await db
        .insertInto("identities")
        .values({
          id: i.id,
          pool_id: i.poolId,
          disabled: i.disabled ? 1 : 0,
          created_at: i.createdAt,
          updated_at: i.updatedAt,
        })
        .execute();
    },
    async getIdentity(id) {
      const r = await db.selectFrom("identities").selectAll().where("id", "=", id).executeTakeFirst();
      return r && toIdentity(r);
    },
    async updateIdentity(id, patch, updatedAt) {
      const set: { updated_at: number; disabled?: number } = { updated_at: updatedAt };
      if (patch.disabled !== undefined) set.disabled = patch.disabled ? 1 : 0;
      await db.updateTable("identities").set(set).where("id", "=", id).execute();
    },
    async deleteIdentity(id) {
      const r = await db.deleteFrom("identities").where("id", "=", id).executeTakeFirst();
      return r.numDeletedRows > 0n;
    },
    async listIdentities(poolId, opts) {
      let q = db
        .selectFrom("identities")
        .selectAll()
        .where("pool_id", "=", poolId)
        .orderBy("id")
        .limit(opts.limit + 1);
      if (opts.after) q = q.where("id", ">", opts.after);
      if (opts.hideDisabled) q = q.where("disabled", "=", 0);
      return page(await q.execute(), opts.limit, toIdentity, (r) => r.id);
    },

    async findLogin(poolId, provider, subject) {
      const r = await db
        .selectFrom("identity_logins")
        .selectAll()
        .where("pool_id", "=", poolId)
        .where("provider", "=", provider)
        .where("subject", "=", subject)
        .executeTakeFirst();
      return r && toLogin(r);
    },
    async addLogin(l) {
      const r = await db
        .insertInto("identity_logins")
        .values({
          pool_id: l.poolId,
          provider: l.provider,
          subject: l.subject,
          identity_id: l.identityId,
          created_at: l.createdAt,
        })
        .onConflict((oc) => oc.columns(["pool_id", "provider", "subject"]).doNothing())
        .executeTakeFirst();
      return r.numInsertedOrUpdatedRows === 1n;
    },
    async removeLogin(poolId, provider, subject) {
      const r = await db
        .deleteFrom("identity_logins")
        .where("pool_id", "=", poolId)
        .where("provider", "=", provider)
        .where("subject", "=", subject)
        .executeTakeFirst();
      return r.numDeletedRows > 0n;
    },
    async logins(identityId, opts = {}) {
      const limit = opts.limit ?? 10_000;
      let q = db
        .selectFrom("identity_logins")
        .selectAll()
        .where("identity_id", "=", identityId)
        .orderBy("provider")
        .orderBy("subject")
        .limit(limit + 1);
      if (opts.provider !== undefined) q = q.where("provider", "=", opts.provider);
      if (opts.after) {
        const [provider = "", subject = ""] = opts.after.split("\u0000");
        q = q.where((eb) =>
          eb.or([
            eb("provider", ">", provider),
            eb.and([eb("provider", "=", provider), eb("subject", ">", subject)]),
          ]),
        );
      }
      return page(await q.execute(), limit, toLogin, (r) => loginKey(r.provider, r.subject));
    },
    async moveLogins(from, to) {
      await db
        .updateTable("identity_logins")
        .set({ identity_id: to })
        .where("identity_id", "=", from)
        .execute();
    },
  };
}

import type { ClientRecord, ClientSecretRecord, PoolRecord, SigningKeyRecord } from "../records.ts";
import type { Store } from "../store.ts";
import { type Db, json, page, runCompiled } from "./common.ts";

type PoolRow = { id: string; name: string; config: string; created_at: number; updated_at: number };
const toPool = (r: PoolRow): PoolRecord => ({
  id: r.id,
  name: r.name,
  config: json(r.config),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
type KeyRow = { kid: string; pool_id: string; private_jwk: string; public_jwk: string; created_at: number };
const toKey = (r: KeyRow): SigningKeyRecord => ({
  kid: r.kid,
  poolId: r.pool_id,
  privateJwk: json(r.private_jwk),
  publicJwk: json(r.public_jwk),
  createdAt: r.created_at,
});

export function poolsRepository(
  db: Db,
  inTransaction: <T>(fn: (db: Db) => Promise<T>) => Promise<T>,
): Store["pools"] {
  return {
    async create(pool, key) {
      await inTransaction(async (tx) => {
        await tx
          .insertInto("user_pools")
          .values({
            id: pool.id,
            name: pool.name,
            config: JSON.stringify(pool.config),
            created_at: pool.createdAt,
            updated_at: pool.updatedAt,
          })
          .execute();
        await tx
          .insertInto("signing_keys")
          .values({
            kid: key.kid,
            pool_id: key.poolId,
            private_jwk: JSON.stringify(key.privateJwk),
            public_jwk: JSON.stringify(key.publicJwk),
            created_at: key.createdAt,
          })
          .execute();
      });
    },
    async get(id) {
      const [r] = await runCompiled<PoolRow>(
        db,
        "pools.get",
        () => db.selectFrom("user_pools").selectAll().where("id", "=", ""),
        [id],
      );
      return r && toPool(r);
    },
    async update(id, name, config, updatedAt) {
      await db
        .updateTable("user_pools")
        .set({ name, config: JSON.stringify(config), updated_at: updatedAt })
        .where("id", "=", id)
        .execute();
    },
    async delete(id) {
      const r = await db.deleteFrom("user_pools").where("id", "=", id).executeTakeFirst();
      return r.numDeletedRows > 0n;
    },
    async list(limit, after) {
      let q = db
        .selectFrom("user_pools")
        .selectAll()
        .orderBy("id")
        .limit(limit + 1);
      if (after) q = q.where("id", ">", after);
      return page(await q.execute(), limit, toPool, (r) => r.id);
    },
    async signingKeys(poolId) {
      return (
        await db
          .selectFrom("signing_keys")
          .selectAll()
          .where("pool_id", "=", poolId)
          .orderBy("created_at")
          .execute()
      ).map(toKey);
    },
    async signingKey(kid) {
      const r = await db.selectFrom("signing_keys").selectAll().where("kid", "=", kid).executeTakeFirst();
      return r && toKey(r);
    },
  };
}

type ClientRow = {
  client_id: string;
  pool_id: string;
  name: string;
  secret: string | null;
  secrets: string | null;
  config: string;
  created_at: number;
  updated_at: number;
};
const toClient = (r: ClientRow): ClientRecord => ({
  clientId: r.client_id,
  poolId: r.pool_id,
  name: r.name,
  secret: r.secret,
  secrets: r.secrets === null ? null : (JSON.parse(r.secrets) as ClientSecretRecord[]),
  config: json(r.config),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function clientsRepository(db: Db): Store["clients"] {
  return {
    async create(c) {
      await db
        .insertInto("clients")
        .values({
          client_id: c.clientId,
          pool_id: c.poolId,
          name: c.name,
          secret: c.secret,
          config: JSON.stringify(c.config),
          created_at: c.createdAt,
          updated_at: c.updatedAt,
        })
        .execute();
    },
    async get(clientId) {
      const r = await db
        .selectFrom("clients")
        .selectAll()
        .where("client_id", "=", clientId)
        .executeTakeFirst();
      return r && toClient(r);
    },
    async update(c) {
      await db
        .updateTable("clients")
        .set({
          name: c.name,
          secret: c.secret,
          ...(c.secrets === undefined
            ? {}
            : { secrets: c.secrets === null ? null : JSON.stringify(c.secrets) }),
          config: JSON.stringify(c.config),
          updated_at: c.updatedAt,
        })
        .where("client_id", "=", c.clientId)
        .execute();
    },
    async delete(clientId) {
      const r = await db.deleteFrom("clients").where("client_id", "=", clientId).executeTakeFirst();
      return r.numDeletedRows > 0n;
    },
    async list(poolId, limit, after) {
      let q = db
        .selectFrom("clients")
        .selectAll()
        .where("pool_id", "=", poolId)
        .orderBy("client_id")
        .limit(limit + 1);
      if (after) q = q.where("client_id", ">", after);
      return page(await q.execute(), limit, toClient, (r) => r.client_id);
    },
  };
}

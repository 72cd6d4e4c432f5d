import type { Selectable } from "kysely";
import type { GroupRecord, UserRecord } from "../records.ts";
import type { Database } from "../schema.ts";
import type { Store } from "../store.ts";
import { type Db, page, runCompiled } from "./common.ts";

export const toGroup = (r: Selectable<Database["groups"]>): GroupRecord => ({
  poolId: r.pool_id,
  name: r.name,
  description: r.description,
  roleArn: r.role_arn,
  precedence: r.precedence,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function groupsRepository(
  db: Db,
  usersById: (poolId: string, ids: string[]) => Promise<UserRecord[]>,
): Store["groups"] {
  return {
    async create(g) {
      const r = await db
        .insertInto("groups")
        .values({
          pool_id: g.poolId,
          name: g.name,
          description: g.description,
          role_arn: g.roleArn,
          precedence: g.precedence,
          created_at: g.createdAt,
          updated_at: g.updatedAt,
        })
        .onConflict((oc) => oc.columns(["pool_id", "name"]).doNothing())
        .executeTakeFirst();
      return r.numInsertedOrUpdatedRows === 1n;
    },
    async get(poolId, name) {
      const r = await db
        .selectFrom("groups")
        .selectAll()
        .where("pool_id", "=", poolId)
        .where("name", "=", name)
        .executeTakeFirst();
      return r && toGroup(r);
    },
    async update(g) {
      await db
        .updateTable("groups")
        .set({
          description: g.description,
          role_arn: g.roleArn,
          precedence: g.precedence,
          updated_at: g.updatedAt,
        })
        .where("pool_id", "=", g.poolId)
        .where("name", "=", g.name)
        .execute();
    },
    async delete(poolId, name) {
      const r = await db
        .deleteFrom("groups")
        .where("pool_id", "=", poolId)
        .where("name", "=", name)
        .executeTakeFirst();
      return r.numDeletedRows > 0n;
    },
    async list(poolId, limit, after) {
      let q = db
        .selectFrom("groups")
        .selectAll()
        .where("pool_id", "=", poolId)
        .orderBy("name")
        .limit(limit + 1);
      if (after) q = q.where("name", ">", after);
      return page(await q.execute(), limit, toGroup, (r) => r.name);
    },
    async addMember(poolId, name, userId) {
      await db
        .insertInto("group_members")
        .values({ pool_id: poolId, group_name: name, user_id: userId })
        .onConflict((oc) => oc.doNothing())
        .execute();
    },
    async removeMember(poolId, name, userId) {
      await db
        .deleteFrom("group_members")
        .where("pool_id", "=", poolId)
        .where("group_name", "=", name)
        .where("user_id", "=", userId)
        .execute();
    },
    async listForUser(userId, limit = 10_000, after) {
      if (after === undefined) {
        // Every token issue reads the user's groups: compiled once.
        const rows = await runCompiled<Selectable<Database["groups"]>>(
          db,
          "groups.forUser",
          () =>
            db
              .selectFrom("groups")
              .innerJoin("group_members as m", (j) =>
                j.onRef("m.pool_id", "=", "groups.pool_id").onRef("m.group_name", "=", "groups.name"),
              )
              .selectAll("groups")
              .where("m.user_id", "=", "")
              .orderBy("groups.name")
              .limit(0),
          [userId, limit + 1],
        );
        return page(rows, limit, toGroup, (r) => r.name);
      }
      let q = db
        .selectFrom("groups")
        .innerJoin("group_members as m", (j) =>
          j.onRef("m.pool_id", "=", "groups.pool_id").onRef("m.group_name", "=", "groups.name"),
        )
        .selectAll("groups")
        .where("m.user_id", "=", userId)
        .orderBy("groups.name")
        .limit(limit + 1);
      if (after) q = q.where("groups.name", ">", after);
      return page(await q.execute(), limit, toGroup, (r) => r.name);
    },
    async listMembers(poolId, name, limit, after) {
      let q = db
        .selectFrom("group_members")
        .select("user_id")
        .where("pool_id", "=", poolId)
        .where("group_name", "=", name)
        .orderBy("user_id")
        .limit(limit + 1);
      if (after) q = q.where("user_id", ">", after);
      const p = page(
        await q.execute(),
        limit,
        (r) => r.user_id,
        (r) => r.user_id,
      );
      const users = await usersById(poolId, p.items);
      const out: { items: UserRecord[]; next?: string } = { items: users };
      if (p.next) out.next = p.next;
      return out;
    },
  };
}

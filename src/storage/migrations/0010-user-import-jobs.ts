import type { Kysely, Migration } from "kysely";

/**
 * User import jobs (CreateUserImportJob … StopUserImportJob): each job, its single-use upload
 * token and the uploaded CSV. Also `clients.secrets`: an app client's current secrets as JSON
 * once AddUserPoolClientSecret/DeleteUserPoolClientSecret have been used (null: just `secret`).
 */
export function userImportJobsMigration(bigint: "bigint" | "integer"): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("user_import_jobs")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("pool_id", "text", (c) => c.notNull().references("user_pools.id").onDelete("cascade"))
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("role_arn", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("pre_signed_url", "text", (c) => c.notNull())
        .addColumn("upload_token", "text")
        .addColumn("csv", "text")
        .addColumn("imported", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("skipped", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("failed", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("completion_message", "text")
        .addColumn("created_at", bigint, (c) => c.notNull())
        .addColumn("started_at", bigint)
        .addColumn("completed_at", bigint)
        .execute();
      await db.schema
        .createIndex("user_import_jobs_pool")
        .on("user_import_jobs")
        .columns(["pool_id", "id"])
        .execute();
      await db.schema.alterTable("clients").addColumn("secrets", "text").execute();
    },
  };
}

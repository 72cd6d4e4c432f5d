import type { Kysely, Migration } from "kysely";

/**
 * Hosted UI (classic) branding: SetUICustomization's CSS and logo per app client, or for every
 * client of the pool under client_id `ALL`. The logo is kept as base64 with its media type.
 */
export function uiCustomizationsMigration(bigint: "bigint" | "integer"): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("ui_customizations")
        .addColumn("pool_id", "text", (c) => c.notNull().references("user_pools.id").onDelete("cascade"))
        .addColumn("client_id", "text", (c) => c.notNull())
        .addColumn("css", "text")
        .addColumn("css_version", "text")
        .addColumn("image_type", "text")
        .addColumn("image", "text")
        .addColumn("created_at", bigint, (c) => c.notNull())
        .addColumn("updated_at", bigint, (c) => c.notNull())
        .addPrimaryKeyConstraint("ui_customizations_pk", ["pool_id", "client_id"])
        .execute();
    },
  };
}

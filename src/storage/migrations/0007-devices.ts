import type { Kysely, Migration } from "kysely";

/**
 * Remembered devices (ConfirmDevice): the device's SRP salt and verifier, made by the client
 * from a secret that never leaves it, its name and remembered status. `device_sessions` ties a
 * sign-in (its refresh token's origin_jti) to the device it was made on, so that refresh tokens
 * of a device work only with its DEVICE_KEY and stop when the device is forgotten.
 */
export function devicesMigration(bigint: "bigint" | "integer"): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("devices")
        .addColumn("device_key", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("pool_id", "text", (c) => c.notNull())
        .addColumn("group_key", "text", (c) => c.notNull())
        .addColumn("srp_salt", "text", (c) => c.notNull())
        .addColumn("srp_verifier", "text", (c) => c.notNull())
        .addColumn("name", "text")
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("last_ip", "text")
        .addColumn("created_at", bigint, (c) => c.notNull())
        .addColumn("updated_at", bigint, (c) => c.notNull())
        .addColumn("last_authenticated_at", bigint)
        .execute();
      await db.schema
        .createIndex("devices_user")
        .on("devices")
        .columns(["user_id", "created_at", "device_key"])
        .execute();
      // No foreign key to devices: a forgotten device's sessions must keep failing, not vanish.
      await db.schema
        .createTable("device_sessions")
        .addColumn("origin_jti", "text", (c) => c.primaryKey())
        .addColumn("device_key", "text", (c) => c.notNull())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .execute();
      await db.schema
        .createIndex("device_sessions_user")
        .on("device_sessions")
        .columns(["user_id"])
        .execute();
    },
  };
}

import { type Kysely, type Migration, sql } from "kysely";
import type { Dialect } from "../schema.ts";
import { srpMigration } from "./0003-srp.ts";
import { oauthMigration } from "./0004-oauth.ts";
import { webauthnMigration } from "./0005-webauthn.ts";
import { identityProvidersMigration } from "./0006-identity-providers.ts";
import { devicesMigration } from "./0007-devices.ts";
import { refreshRotationMigration } from "./0008-refresh-rotation.ts";
import { uiCustomizationsMigration } from "./0009-ui-customizations.ts";
import { userImportJobsMigration } from "./0010-user-import-jobs.ts";

/**
 * Versioned migrations, run in name order by Kysely's Migrator on start.
 * Never edit a released migration; add a new one.
 */
export function migrations(dialect: Dialect): Record<string, Migration> {
  const bigint = dialect === "postgres" ? "bigint" : "integer";
  // Prefix filters (ListUsers `^=`) are range scans; they need byte order, whatever the server's locale.
  const bytewise = dialect === "postgres" ? sql`text collate "C"` : sql`text`;
  return {
    "0001-initial": {
      // biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on today's schema types (Kysely's guidance)
      async up(db: Kysely<any>) {
        await db.schema
          .createTable("meta")
          .addColumn("key", "text", (c) => c.primaryKey())
          .addColumn("value", "text", (c) => c.notNull())
          .execute();
        await db.schema
          .createTable("user_pools")
          .addColumn("id", "text", (c) => c.primaryKey())
          .addColumn("name", "text", (c) => c.notNull())
          .addColumn("config", "text", (c) => c.notNull())
          .addColumn("created_at", bigint, (c) => c.notNull())
          .addColumn("updated_at", bigint, (c) => c.notNull())
          .execute();
        await db.schema
          .createTable("signing_keys")
          .addColumn("kid", "text", (c) => c.primaryKey())
          .addColumn("pool_id", "text", (c) => c.notNull().references("user_pools.id").onDelete("cascade"))
          .addColumn("private_jwk", "text", (c) => c.notNull())
          .addColumn("public_jwk", "text", (c) => c.notNull())
          .addColumn("created_at", bigint, (c) => c.notNull())
          .execute();
        await db.schema.createIndex("signing_keys_pool").on("signing_keys").columns(["pool_id"]).execute();
        await db.schema
          .createTable("clients")
          .addColumn("client_id", "text", (c) => c.primaryKey())
          .addColumn("pool_id", "text", (c) => c.notNull().references("user_pools.id").onDelete("cascade"))
          .addColumn("name", "text", (c) => c.notNull())
          .addColumn("secret", "text")
          .addColumn("config", "text", (c) => c.notNull())
          .addColumn("created_at", bigint, (c) => c.notNull())
          .addColumn("updated_at", bigint, (c) => c.notNull())
          .execute();
        await db.schema.createIndex("clients_pool").on("clients").columns(["pool_id", "client_id"]).execute();
        await db.schema
          .createTable("users")
          .addColumn("id", "text", (c) => c.primaryKey())
          .addColumn("pool_id", "text", (c) => c.notNull().references("user_pools.id").onDelete("cascade"))
          .addColumn("username", bytewise, (c) => c.notNull())
          .addColumn("username_norm", bytewise, (c) => c.notNull())
          .addColumn("status", "text", (c) => c.notNull())
          .addColumn("enabled", "integer", (c) => c.notNull())
          .addColumn("password_hash", "text")
          .addColumn("password_set_at", bigint)
          .addColumn("mfa", "text", (c) => c.notNull())
          .addColumn("failed_attempts", "integer", (c) => c.notNull().defaultTo(0))
          .addColumn("locked_until", bigint)
          .addColumn("created_at", bigint, (c) => c.notNull())
          .addColumn("updated_at", bigint, (c) => c.notNull())
          .addUniqueConstraint("users_pool_username", ["pool_id", "username_norm"])
          .execute();
        await db.schema.createIndex("users_pool_id").on("users").columns(["pool_id", "id"]).execute();
        await db.schema
          .createTable("user_attributes")
          .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
          .addColumn("pool_id", "text", (c) => c.notNull())
          .addColumn("name", "text", (c) => c.notNull())
          .addColumn("value", bytewise, (c) => c.notNull())
          .addPrimaryKeyConstraint("user_attributes_pk", ["user_id", "name"])
          .execute();
        await db.schema
          .createIndex("user_attributes_lookup")
          .on("user_attributes")
          .columns(["pool_id", "name", "value", "user_id"])
          .execute();
        await db.schema
          .createTable("groups")
          .addColumn("pool_id", "text", (c) => c.notNull().references("user_pools.id").onDelete("cascade"))
          .addColumn("name", "text", (c) => c.notNull())
          .addColumn("description", "text")
          .addColumn("role_arn", "text")
          .addColumn("precedence", "integer")
          .addColumn("created_at", bigint, (c) => c.notNull())
          .addColumn("updated_at", bigint, (c) => c.notNull())
          .addPrimaryKeyConstraint("groups_pk", ["pool_id", "name"])
          .execute();
        await db.schema
          .createTable("group_members")
          .addColumn("pool_id", "text", (c) => c.notNull())
          .addColumn("group_name", "text", (c) => c.notNull())
          .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
          .addPrimaryKeyConstraint("group_members_pk", ["pool_id", "group_name", "user_id"])
          .addForeignKeyConstraint(
            "group_members_group",
            ["pool_id", "group_name"],
            "groups",
            ["pool_id", "name"],
            (c) => c.onDelete("cascade"),
          )
          .execute();
        await db.schema.createIndex("group_members_user").on("group_members").columns(["user_id"]).execute();
        await db.schema
          .createTable("refresh_tokens")
          .addColumn("token_hash", "text", (c) => c.primaryKey())
          .addColumn("origin_jti", "text", (c) => c.notNull().unique())
          .addColumn("pool_id", "text", (c) => c.notNull().references("user_pools.id").onDelete("cascade"))
          .addColumn("client_id", "text", (c) => c.notNull())
          .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
          .addColumn("auth_time", bigint, (c) => c.notNull())
          .addColumn("event_id", "text", (c) => c.notNull())
          .addColumn("scopes", "text", (c) => c.notNull())
          .addColumn("created_at", bigint, (c) => c.notNull())
          .addColumn("expires_at", bigint, (c) => c.notNull())
          .addColumn("revoked_at", bigint)
          .execute();
        await db.schema
          .createIndex("refresh_tokens_user")
          .on("refresh_tokens")
          .columns(["user_id"])
          .execute();
        await db.schema
          .createTable("codes")
          .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
          .addColumn("purpose", "text", (c) => c.notNull())
          .addColumn("code_hash", "text", (c) => c.notNull())
          .addColumn("data", "text")
          .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
          .addColumn("expires_at", bigint, (c) => c.notNull())
          .addColumn("created_at", bigint, (c) => c.notNull())
          .addPrimaryKeyConstraint("codes_pk", ["user_id", "purpose"])
          .execute();
        await db.schema
          .createTable("used_sessions")
          .addColumn("id", "text", (c) => c.primaryKey())
          .addColumn("expires_at", bigint, (c) => c.notNull())
          .execute();
        await db.schema
          .createTable("outbox")
          .addColumn("id", "text", (c) => c.primaryKey())
          .addColumn("seq", bigint, (c) => c.notNull())
          .addColumn("pool_id", "text", (c) => c.notNull())
          .addColumn("username", "text", (c) => c.notNull())
          .addColumn("channel", "text", (c) => c.notNull())
          .addColumn("destination", "text", (c) => c.notNull())
          .addColumn("subject", "text")
          .addColumn("body", "text", (c) => c.notNull())
          .addColumn("code", "text")
          .addColumn("created_at", bigint, (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex("outbox_lookup")
          .on("outbox")
          .columns(["pool_id", "username", "seq"])
          .execute();
        await db.schema
          .createTable("rate_limits")
          .addColumn("bucket", "text", (c) => c.primaryKey())
          .addColumn("window_start", bigint, (c) => c.notNull())
          .addColumn("count", "integer", (c) => c.notNull())
          .execute();
      },
    },
    "0002-identity-pools": {
      // biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on today's schema types (Kysely's guidance)
      async up(db: Kysely<any>) {
        await db.schema
          .createTable("identity_pools")
          .addColumn("id", "text", (c) => c.primaryKey())
          .addColumn("name", "text", (c) => c.notNull())
          .addColumn("config", "text", (c) => c.notNull())
          .addColumn("roles", "text", (c) => c.notNull())
          .addColumn("principal_tags", "text", (c) => c.notNull())
          .addColumn("tags", "text", (c) => c.notNull())
          .addColumn("created_at", bigint, (c) => c.notNull())
          .addColumn("updated_at", bigint, (c) => c.notNull())
          .execute();
        await db.schema
          .createTable("identities")
          .addColumn("id", "text", (c) => c.primaryKey())
          .addColumn("pool_id", "text", (c) =>
            c.notNull().references("identity_pools.id").onDelete("cascade"),
          )
          .addColumn("disabled", "integer", (c) => c.notNull().defaultTo(0))
          .addColumn("created_at", bigint, (c) => c.notNull())
          .addColumn("updated_at", bigint, (c) => c.notNull())
          .execute();
        await db.schema.createIndex("identities_pool").on("identities").columns(["pool_id", "id"]).execute();
        await db.schema
          .createTable("identity_logins")
          .addColumn("pool_id", "text", (c) => c.notNull())
          .addColumn("provider", "text", (c) => c.notNull())
          .addColumn("subject", "text", (c) => c.notNull())
          .addColumn("identity_id", "text", (c) =>
            c.notNull().references("identities.id").onDelete("cascade"),
          )
          .addColumn("created_at", bigint, (c) => c.notNull())
          .addPrimaryKeyConstraint("identity_logins_pk", ["pool_id", "provider", "subject"])
          .execute();
        await db.schema
          .createIndex("identity_logins_identity")
          .on("identity_logins")
          .columns(["identity_id", "provider", "subject"])
          .execute();
      },
    },
    "0003-srp": srpMigration,
    "0004-oauth": oauthMigration(bigint),
    "0005-webauthn": webauthnMigration(bigint),
    "0006-identity-providers": identityProvidersMigration(bigint),
    "0007-devices": devicesMigration(bigint),
    "0008-refresh-rotation": refreshRotationMigration(bigint),
    "0009-ui-customizations": uiCustomizationsMigration(bigint),
    "0010-user-import-jobs": userImportJobsMigration(bigint),
  };
}

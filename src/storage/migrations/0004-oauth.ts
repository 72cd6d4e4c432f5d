import type { Kysely, Migration } from "kysely";

/**
 * Tables of the OAuth 2.0 / OIDC surface: user pool domains, resource servers (custom scopes),
 * authorization codes (stored by hash, consumed once) and hosted-UI sign-in sessions.
 */
export function oauthMigration(bigint: "bigint" | "integer"): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("user_pool_domains")
        .addColumn("domain", "text", (c) => c.primaryKey())
        .addColumn("pool_id", "text", (c) => c.notNull().references("user_pools.id").onDelete("cascade"))
        // "prefix" (<prefix>.auth.<region>.amazoncognito.com) or "custom"; a pool has at most one of each.
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("certificate_arn", "text")
        .addColumn("managed_login_version", "integer", (c) => c.notNull())
        .addColumn("created_at", bigint, (c) => c.notNull())
        .addColumn("updated_at", bigint, (c) => c.notNull())
        .addUniqueConstraint("user_pool_domains_pool_kind", ["pool_id", "kind"])
        .execute();
      await db.schema
        .createTable("resource_servers")
        .addColumn("pool_id", "text", (c) => c.notNull().references("user_pools.id").onDelete("cascade"))
        .addColumn("identifier", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("scopes", "text", (c) => c.notNull())
        .addColumn("created_at", bigint, (c) => c.notNull())
        .addColumn("updated_at", bigint, (c) => c.notNull())
        .addPrimaryKeyConstraint("resource_servers_pk", ["pool_id", "identifier"])
        .execute();
      await db.schema
        .createTable("oauth_codes")
        .addColumn("code_hash", "text", (c) => c.primaryKey())
        .addColumn("pool_id", "text", (c) => c.notNull().references("user_pools.id").onDelete("cascade"))
        .addColumn("client_id", "text", (c) => c.notNull())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("redirect_uri", "text", (c) => c.notNull())
        .addColumn("scope", "text", (c) => c.notNull())
        .addColumn("nonce", "text")
        .addColumn("code_challenge", "text")
        .addColumn("code_challenge_method", "text")
        .addColumn("auth_time", bigint, (c) => c.notNull())
        .addColumn("expires_at", bigint, (c) => c.notNull())
        .addColumn("created_at", bigint, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("hosted_sessions")
        .addColumn("id_hash", "text", (c) => c.primaryKey())
        .addColumn("pool_id", "text", (c) => c.notNull().references("user_pools.id").onDelete("cascade"))
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("auth_time", bigint, (c) => c.notNull())
        .addColumn("expires_at", bigint, (c) => c.notNull())
        .addColumn("created_at", bigint, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("hosted_sessions_user")
        .on("hosted_sessions")
        .columns(["user_id"])
        .execute();
    },
  };
}

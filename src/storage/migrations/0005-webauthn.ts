import type { Kysely, Migration } from "kysely";

/**
 * Passkeys (WebAuthn credentials) registered with CompleteWebAuthnRegistration. The credential id
 * (base64url) is unique across the server, as authenticators make it random; the COSE public key
 * is kept as base64url, the signature counter to refuse cloned authenticators.
 */
export function webauthnMigration(bigint: "bigint" | "integer"): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("webauthn_credentials")
        .addColumn("credential_id", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("pool_id", "text", (c) => c.notNull())
        .addColumn("public_key", "text", (c) => c.notNull())
        .addColumn("sign_count", bigint, (c) => c.notNull())
        .addColumn("transports", "text", (c) => c.notNull())
        .addColumn("attachment", "text")
        .addColumn("friendly_name", "text", (c) => c.notNull())
        .addColumn("relying_party_id", "text", (c) => c.notNull())
        .addColumn("created_at", bigint, (c) => c.notNull())
        .addColumn("last_used_at", bigint)
        .execute();
      await db.schema
        .createIndex("webauthn_credentials_user")
        .on("webauthn_credentials")
        .columns(["user_id", "created_at", "credential_id"])
        .execute();
    },
  };
}

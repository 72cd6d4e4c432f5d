import type { Kysely, Migration } from "kysely";

/**
 * External identity providers of a user pool (CreateIdentityProvider), their IdpIdentifiers (unique
 * per pool, so GetIdentityProviderByIdentifier and `idp_identifier=` find one provider), and the
 * links AdminLinkProviderForUser makes from an external identity to an existing user.
 */
export function identityProvidersMigration(bigint: "bigint" | "integer"): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("identity_providers")
        .addColumn("pool_id", "text", (c) => c.notNull().references("user_pools.id").onDelete("cascade"))
        .addColumn("provider_name", "text", (c) => c.notNull())
        .addColumn("provider_type", "text", (c) => c.notNull())
        .addColumn("details", "text", (c) => c.notNull())
        .addColumn("attribute_mapping", "text", (c) => c.notNull())
        .addColumn("created_at", bigint, (c) => c.notNull())
        .addColumn("updated_at", bigint, (c) => c.notNull())
        .addPrimaryKeyConstraint("identity_providers_pk", ["pool_id", "provider_name"])
        .execute();
      await db.schema
        .createTable("identity_provider_identifiers")
        .addColumn("pool_id", "text", (c) => c.notNull())
        .addColumn("identifier", "text", (c) => c.notNull())
        .addColumn("provider_name", "text", (c) => c.notNull())
        // Position in the provider's IdpIdentifiers list, so Describe answers them in the order given.
        .addColumn("position", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("identity_provider_identifiers_pk", ["pool_id", "identifier"])
        .addForeignKeyConstraint(
          "identity_provider_identifiers_provider",
          ["pool_id", "provider_name"],
          "identity_providers",
          ["pool_id", "provider_name"],
          (c) => c.onDelete("cascade"),
        )
        .execute();
      await db.schema
        .createIndex("identity_provider_identifiers_provider")
        .on("identity_provider_identifiers")
        .columns(["pool_id", "provider_name"])
        .execute();
      await db.schema
        .createTable("federated_links")
        .addColumn("pool_id", "text", (c) => c.notNull())
        .addColumn("provider_name", "text", (c) => c.notNull())
        .addColumn("attribute_name", "text", (c) => c.notNull())
        .addColumn("attribute_value", "text", (c) => c.notNull())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("created_at", bigint, (c) => c.notNull())
        .addPrimaryKeyConstraint("federated_links_pk", [
          "pool_id",
          "provider_name",
          "attribute_name",
          "attribute_value",
        ])
        .execute();
      await db.schema
        .createIndex("federated_links_user")
        .on("federated_links")
        .columns(["user_id"])
        .execute();
    },
  };
}

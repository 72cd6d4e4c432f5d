import type { Kysely, Migration } from "kysely";

/**
 * SRP (USER_SRP_AUTH) verifiers beside the password hash: the salt and v = g^x mod N, both hex.
 * Null for users whose password predates this migration until their next password sign-in.
 */
export const srpMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable("users").addColumn("srp_salt", "text").execute();
    await db.schema.alterTable("users").addColumn("srp_verifier", "text").execute();
  },
};

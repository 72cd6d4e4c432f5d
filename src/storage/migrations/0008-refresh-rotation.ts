import type { Kysely, Migration } from "kysely";

/**
 * Refresh-token rotation (GetTokensFromRefreshToken with the client's RefreshTokenRotation):
 * `rotated_at` marks a refresh token that was exchanged for a new one. Its `expires_at` is then
 * the end of the retry grace period, and a use after that is RefreshTokenReuseException.
 */
export function refreshRotationMigration(bigint: "bigint" | "integer"): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("refresh_tokens").addColumn("rotated_at", bigint).execute();
    },
  };
}

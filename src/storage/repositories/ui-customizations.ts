import type { Db } from "./common.ts";

/** SetUICustomization's settings for one app client, or for all of a pool's clients (`ALL`). */
export interface UICustomizationRecord {
  poolId: string;
  /** An app client id, or `ALL`. */
  clientId: string;
  css: string | null;
  cssVersion: string | null;
  /** The logo's media type (image/png or image/jpeg) and base64 bytes. */
  imageType: string | null;
  image: string | null;
  createdAt: number;
  updatedAt: number;
}

/** Tables of migration 0009-ui-customizations, as Kysely sees them. */
export type UICustomizationTables = {
  ui_customizations: {
    pool_id: string;
    client_id: string;
    css: string | null;
    css_version: string | null;
    image_type: string | null;
    image: string | null;
    created_at: number;
    updated_at: number;
  };
};

export interface UICustomizationsRepository {
  get(poolId: string, clientId: string): Promise<UICustomizationRecord | undefined>;
  /** Stores the settings, replacing any for the same pool and client (CreationDate stays). */
  put(record: UICustomizationRecord): Promise<void>;
}

export function uiCustomizationsRepository(base: Db): UICustomizationsRepository {
  const db = base.withTables<UICustomizationTables>();
  return {
    async get(poolId, clientId) {
      const r = await db
        .selectFrom("ui_customizations")
        .selectAll()
        .where("pool_id", "=", poolId)
        .where("client_id", "=", clientId)
        .executeTakeFirst();
      return (
        r && {
          poolId: r.pool_id,
          clientId: r.client_id,
          css: r.css,
          cssVersion: r.css_version,
          imageType: r.image_type,
          image: r.image,
          createdAt: Number(r.created_at),
          updatedAt: Number(r.updated_at),
        }
      );
    },
    async put(u) {
      const values = {
        css: u.css,
        css_version: u.cssVersion,
        image_type: u.imageType,
        image: u.image,
        updated_at: u.updatedAt,
      };
      await db
        .insertInto("ui_customizations")
        .values({ pool_id: u.poolId, client_id: u.clientId, created_at: u.createdAt, ...values })
        .onConflict((oc) => oc.columns(["pool_id", "client_id"]).doUpdateSet(values))
        .execute();
    },
  };
}

import type { Page } from "../records.ts";
import { type Db, page } from "./common.ts";

/** An external identity provider of a user pool, shaped like Cognito's IdentityProviderType. */
export interface IdentityProviderRecord {
  poolId: string;
  /** ProviderName: unique in the pool. */
  name: string;
  /** ProviderType: OIDC, SAML, Google, Facebook, LoginWithAmazon or SignInWithApple. */
  type: string;
  /** ProviderDetails, as stored (client_id, client_secret, oidc_issuer, …). */
  details: Record<string, string>;
  /** AttributeMapping: user pool attribute → the provider's claim. */
  attributeMapping: Record<string, string>;
  /** IdpIdentifiers, in the order given; each is unique in the pool. */
  idpIdentifiers: string[];
  createdAt: number;
  updatedAt: number;
}

/**
 * A link from an external identity to an existing user (AdminLinkProviderForUser): a sign-in with
 * `providerName` whose `attributeName` (`Cognito_Subject` for the provider's `sub`, or a mapped
 * attribute) equals `attributeValue` lands on `userId`.
 */
export interface FederatedLinkRecord {
  poolId: string;
  providerName: string;
  attributeName: string;
  attributeValue: string;
  userId: string;
  createdAt: number;
}

/** Tables of migration 0006-identity-providers, as Kysely sees them. */
export type IdentityProviderTables = {
  identity_providers: {
    pool_id: string;
    provider_name: string;
    provider_type: string;
    details: string;
    attribute_mapping: string;
    created_at: number;
    updated_at: number;
  };
  identity_provider_identifiers: {
    pool_id: string;
    identifier: string;
    provider_name: string;
    position: number;
  };
  federated_links: {
    pool_id: string;
    provider_name: string;
    attribute_name: string;
    attribute_value: string;
    user_id: string;
    created_at: number;
  };
};

/**
 * Identity providers and federated links (`store.identityProviders`). Names and identifiers are
 * unique per pool by database constraint; a write that would break that writes nothing.
 *
 * @example
 * const r = await store.identityProviders.create(provider);
 * if (r === "name-taken") throw new ServiceError("DuplicateProviderException", …);
 */
export interface IdentityProvidersRepository {
  create(p: IdentityProviderRecord): Promise<"created" | "name-taken" | "identifier-taken">;
  get(poolId: string, name: string): Promise<IdentityProviderRecord | undefined>;
  getByIdentifier(poolId: string, identifier: string): Promise<IdentityProviderRecord | undefined>;
  /** Ordered by name; `after` is the `next` of the page before. */
  list(poolId: string, limit: number, after?: string): Promise<Page<IdentityProviderRecord>>;
  /** Replaces details, mapping and identifiers; "missing" when the provider is gone. */
  update(p: IdentityProviderRecord): Promise<"updated" | "missing" | "identifier-taken">;
  delete(poolId: string, name: string): Promise<boolean>;

  /** False (writing nothing) when that external identity is linked already. */
  createLink(link: FederatedLinkRecord): Promise<boolean>;
  /** Every link of one provider in the pool. */
  links(poolId: string, providerName: string): Promise<FederatedLinkRecord[]>;
  linksForUser(userId: string): Promise<FederatedLinkRecord[]>;
  /** Deletes a link and returns it, if it existed. */
  deleteLink(
    poolId: string,
    providerName: string,
    attributeName: string,
    attributeValue: string,
  ): Promise<FederatedLinkRecord | undefined>;
}

type ProviderRow = IdentityProviderTables["identity_providers"];
type LinkRow = IdentityProviderTables["federated_links"];

const toProvider = (r: ProviderRow, identifiers: string[]): IdentityProviderRecord => ({
  poolId: r.pool_id,
  name: r.provider_name,
  type: r.provider_type,
  details: JSON.parse(r.details) as Record<string, string>,
  attributeMapping: JSON.parse(r.attribute_mapping) as Record<string, string>,
  idpIdentifiers: identifiers,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

const toLink = (r: LinkRow): FederatedLinkRecord => ({
  poolId: r.pool_id,
  providerName: r.provider_name,
  attributeName: r.attribute_name,
  attributeValue: r.attribute_value,
  userId: r.user_id,
  createdAt: Number(r.created_at),
});

/** Thrown inside a transaction to roll it back when an identifier is taken. */
class IdentifierTaken extends Error {}

export function identityProvidersRepository(
  base: Db,
  inTransaction: <T>(fn: (db: Db) => Promise<T>) => Promise<T>,
): IdentityProvidersRepository {
  const db = base.withTables<IdentityProviderTables>();

  const identifiersOf = async (poolId: string, names: string[]): Promise<Map<string, string[]>> => {
    const out = new Map<string, string[]>(names.map((n) => [n, []]));
    if (names.length === 0) return out;
    const rows = await db
      .selectFrom("identity_provider_identifiers")
      .select(["provider_name", "identifier"])
      .where("pool_id", "=", poolId)
      .where("provider_name", "in", names)
      .orderBy("provider_name")
      .orderBy("position")
      .execute();
    for (const r of rows) out.get(r.provider_name)?.push(r.identifier);
    return out;
  };

  /** Inserts the identifiers of `p`; throws IdentifierTaken when one belongs to another provider. */
  const insertIdentifiers = async (tx: Db, p: IdentityProviderRecord) => {
    if (p.idpIdentifiers.length === 0) return;
    const r = await tx
      .withTables<IdentityProviderTables>()
      .insertInto("identity_provider_identifiers")
      .values(
        p.idpIdentifiers.map((identifier, position) => ({
          pool_id: p.poolId,
          identifier,
          provider_name: p.name,
          position,
        })),
      )
      .onConflict((oc) => oc.columns(["pool_id", "identifier"]).doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0n) !== p.idpIdentifiers.length) throw new IdentifierTaken();
  };

  return {
    async create(p) {
      try {
        return await inTransaction(async (tx) => {
          const r = await tx
            .withTables<IdentityProviderTables>()
            .insertInto("identity_providers")
            .values({
              pool_id: p.poolId,
              provider_name: p.name,
              provider_type: p.type,
              details: JSON.stringify(p.details),
              attribute_mapping: JSON.stringify(p.attributeMapping),
              created_at: p.createdAt,
              updated_at: p.updatedAt,
            })
            .onConflict((oc) => oc.columns(["pool_id", "provider_name"]).doNothing())
            .executeTakeFirst();
          if (r.numInsertedOrUpdatedRows !== 1n) return "name-taken" as const;
          await insertIdentifiers(tx, p);
          return "created" as const;
        });
      } catch (e) {
        if (e instanceof IdentifierTaken) return "identifier-taken";
        throw e;
      }
    },
    async get(poolId, name) {
      const r = await db
        .selectFrom("identity_providers")
        .selectAll()
        .where("pool_id", "=", poolId)
        .where("provider_name", "=", name)
        .executeTakeFirst();
      if (!r) return undefined;
      return toProvider(r, (await identifiersOf(poolId, [name])).get(name) ?? []);
    },
    async getByIdentifier(poolId, identifier) {
      const r = await db
        .selectFrom("identity_provider_identifiers")
        .select("provider_name")
        .where("pool_id", "=", poolId)
        .where("identifier", "=", identifier)
        .executeTakeFirst();
      return r ? this.get(poolId, r.provider_name) : undefined;
    },
    async list(poolId, limit, after) {
      let q = db
        .selectFrom("identity_providers")
        .selectAll()
        .where("pool_id", "=", poolId)
        .orderBy("provider_name")
        .limit(limit + 1);
      if (after !== undefined) q = q.where("provider_name", ">", after);
      const rows = await q.execute();
      const ids = await identifiersOf(
        poolId,
        rows.slice(0, limit).map((r) => r.provider_name),
      );
      return page(
        rows,
        limit,
        (r) => toProvider(r, ids.get(r.provider_name) ?? []),
        (r) => r.provider_name,
      );
    },
    async update(p) {
      try {
        return await inTransaction(async (tx) => {
          const t = tx.withTables<IdentityProviderTables>();
          const r = await t
            .updateTable("identity_providers")
            .set({
              details: JSON.stringify(p.details),
              attribute_mapping: JSON.stringify(p.attributeMapping),
              updated_at: p.updatedAt,
            })
            .where("pool_id", "=", p.poolId)
            .where("provider_name", "=", p.name)
            .executeTakeFirst();
          if (r.numUpdatedRows === 0n) return "missing" as const;
          await t
            .deleteFrom("identity_provider_identifiers")
            .where("pool_id", "=", p.poolId)
            .where("provider_name", "=", p.name)
            .execute();
          await insertIdentifiers(tx, p);
          return "updated" as const;
        });
      } catch (e) {
        if (e instanceof IdentifierTaken) return "identifier-taken";
        throw e;
      }
    },
    async delete(poolId, name) {
      // The provider's identifiers go with it (foreign key, on delete cascade).
      const r = await db
        .deleteFrom("identity_providers")
        .where("pool_id", "=", poolId)
        .where("provider_name", "=", name)
        .executeTakeFirst();
      return r.numDeletedRows > 0n;
    },

    async createLink(l) {
      const r = await db
        .insertInto("federated_links")
        .values({
          pool_id: l.poolId,
          provider_name: l.providerName,
          attribute_name: l.attributeName,
          attribute_value: l.attributeValue,
          user_id: l.userId,
          created_at: l.createdAt,
        })
        .onConflict((oc) =>
          oc.columns(["pool_id", "provider_name", "attribute_name", "attribute_value"]).doNothing(),
        )
        .executeTakeFirst();
      return r.numInsertedOrUpdatedRows === 1n;
    },
    async links(poolId, providerName) {
      const rows = await db
        .selectFrom("federated_links")
        .selectAll()
        .where("pool_id", "=", poolId)
        .where("provider_name", "=", providerName)
        .orderBy("created_at")
        .execute();
      return rows.map(toLink);
    },
    async linksForUser(userId) {
      const rows = await db
        .selectFrom("federated_links")
        .selectAll()
        .where("user_id", "=", userId)
        .orderBy("created_at")
        .orderBy("provider_name")
        .execute();
      return rows.map(toLink);
    },
    async deleteLink(poolId, providerName, attributeName, attributeValue) {
      const rows = await db
        .deleteFrom("federated_links")
        .where("pool_id", "=", poolId)
        .where("provider_name", "=", providerName)
        .where("attribute_name", "=", attributeName)
        .where("attribute_value", "=", attributeValue)
        .returningAll()
        .execute();
      return rows[0] && toLink(rows[0]);
    },
  };
}

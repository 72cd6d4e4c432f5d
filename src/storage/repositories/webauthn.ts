import type { Page } from "../records.ts";
import { type Db, page } from "./common.ts";

/** A registered passkey. Binary values are base64url, as WebAuthn's JSON encodes them. */
export interface WebAuthnCredentialRecord {
  credentialId: string;
  userId: string;
  poolId: string;
  /** The COSE public key from the attestation. */
  publicKey: string;
  /** The authenticator's signature counter after the last accepted use (0: the authenticator keeps none). */
  signCount: number;
  transports: string[];
  /** "platform" or "cross-platform", when the client said. */
  attachment: string | null;
  friendlyName: string;
  relyingPartyId: string;
  createdAt: number;
  lastUsedAt: number | null;
}

/** The table of migration 0005-webauthn, as Kysely sees it. */
export type WebAuthnTables = {
  webauthn_credentials: {
    credential_id: string;
    user_id: string;
    pool_id: string;
    public_key: string;
    sign_count: number;
    transports: string;
    attachment: string | null;
    friendly_name: string;
    relying_party_id: string;
    created_at: number;
    last_used_at: number | null;
  };
};

/**
 * Passkeys (`store.webauthn`). Lists run oldest first; `after` is the `next` of the page before.
 *
 * @example
 * const stored = await store.webauthn.get(assertion.id);
 * if (!stored || stored.userId !== user.id) throw notAuthorized();
 * if (!(await store.webauthn.recordUse(stored.credentialId, stored.signCount, newCount, now))) throw notAuthorized();
 */
export interface WebAuthnRepository {
  /** False (writing nothing) when the credential id is registered already. */
  create(c: WebAuthnCredentialRecord): Promise<boolean>;
  get(credentialId: string): Promise<WebAuthnCredentialRecord | undefined>;
  listForUser(userId: string, limit: number, after?: string): Promise<Page<WebAuthnCredentialRecord>>;
  countForUser(userId: string): Promise<number>;
  /** Deletes the user's credential; false when the user has no credential with that id. */
  delete(userId: string, credentialId: string): Promise<boolean>;
  /**
   * Stores the counter of an accepted assertion, only if the stored counter is still `previous`:
   * of two concurrent sign-ins with the same counter, one wins.
   */
  recordUse(credentialId: string, previous: number, signCount: number, at: number): Promise<boolean>;
}

type Row = WebAuthnTables["webauthn_credentials"];
const toRecord = (r: Row): WebAuthnCredentialRecord => ({
  credentialId: r.credential_id,
  userId: r.user_id,
  poolId: r.pool_id,
  publicKey: r.public_key,
  signCount: Number(r.sign_count),
  transports: JSON.parse(r.transports) as string[],
  attachment: r.attachment,
  friendlyName: r.friendly_name,
  relyingPartyId: r.relying_party_id,
  createdAt: Number(r.created_at),
  lastUsedAt: r.last_used_at === null ? null : Number(r.last_used_at),
});
/** The page cursor: creation time and credential id, the list's sort key. */
const cursor = (r: Row) => `${Number(r.created_at)}.${r.credential_id}`;

export function webauthnRepository(base: Db): WebAuthnRepository {
  const db = base.withTables<WebAuthnTables>();
  return {
    async create(c) {
      const r = await db
        .insertInto("webauthn_credentials")
        .values({
          credential_id: c.credentialId,
          user_id: c.userId,
          pool_id: c.poolId,
          public_key: c.publicKey,
          sign_count: c.signCount,
          transports: JSON.stringify(c.transports),
          attachment: c.attachment,
          friendly_name: c.friendlyName,
          relying_party_id: c.relyingPartyId,
          created_at: c.createdAt,
          last_used_at: c.lastUsedAt,
        })
        .onConflict((oc) => oc.column("credential_id").doNothing())
        .executeTakeFirst();
      return r.numInsertedOrUpdatedRows === 1n;
    },
    async get(credentialId) {
      const r = await db
        .selectFrom("webauthn_credentials")
        .selectAll()
        .where("credential_id", "=", credentialId)
        .executeTakeFirst();
      return r && toRecord(r);
    },
    async listForUser(userId, limit, after) {
      let q = db
        .selectFrom("webauthn_credentials")
        .selectAll()
        .where("user_id", "=", userId)
        .orderBy("created_at")
        .orderBy("credential_id")
        .limit(limit + 1);
      const dot = after?.indexOf(".") ?? -1;
      if (after !== undefined && dot > 0) {
        const at = Number(after.slice(0, dot));
        const id = after.slice(dot + 1);
        q = q.where((eb) =>
          eb.or([
            eb("created_at", ">", at),
            eb.and([eb("created_at", "=", at), eb("credential_id", ">", id)]),
          ]),
        );
      }
      return page(await q.execute(), limit, toRecord, cursor);
    },
    async countForUser(userId) {
      const r = await db
        .selectFrom("webauthn_credentials")
        .select((eb) => eb.fn.countAll<string | number>().as("n"))
        .where("user_id", "=", userId)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async delete(userId, credentialId) {
      const r = await db
        .deleteFrom("webauthn_credentials")
        .where("user_id", "=", userId)
        .where("credential_id", "=", credentialId)
        .executeTakeFirst();
      return r.numDeletedRows > 0n;
    },
    async recordUse(credentialId, previous, signCount, at) {
      const r = await db
        .updateTable("webauthn_credentials")
        .set({ sign_count: signCount, last_used_at: at })
        .where("credential_id", "=", credentialId)
        .where("sign_count", "=", previous)
        .executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },
  };
}

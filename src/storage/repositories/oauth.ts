import type { Page } from "../records.ts";
import { type Db, page } from "./common.ts";

/** A user pool domain: a prefix (`<prefix>.auth.<region>.amazoncognito.com`) or a custom FQDN. */
export interface DomainRecord {
  /** The prefix alone, or the fully-qualified custom domain. */
  domain: string;
  poolId: string;
  custom: boolean;
  certificateArn: string | null;
  /** 1: hosted UI (classic), 2: managed login. */
  managedLoginVersion: number;
  createdAt: number;
  updatedAt: number;
}

export interface ResourceServerScope {
  ScopeName: string;
  ScopeDescription: string;
}

/** A resource server: custom scopes are `<identifier>/<ScopeName>`. */
export interface ResourceServerRecord {
  poolId: string;
  identifier: string;
  name: string;
  scopes: ResourceServerScope[];
  createdAt: number;
  updatedAt: number;
}

/** An authorization code, stored by hash, bound to its client, redirect_uri and PKCE challenge. */
export interface AuthorizationCodeRecord {
  codeHash: string;
  poolId: string;
  clientId: string;
  userId: string;
  redirectUri: string;
  /** Granted scopes, space-separated. */
  scope: string;
  nonce: string | null;
  codeChallenge: string | null;
  codeChallengeMethod: string | null;
  /** Epoch seconds of the sign-in. */
  authTime: number;
  expiresAt: number;
  createdAt: number;
}

/** A hosted-UI sign-in, kept by the hash of the cookie's session id. */
export interface HostedSessionRecord {
  idHash: string;
  poolId: string;
  userId: string;
  /** Epoch seconds of the sign-in. */
  authTime: number;
  expiresAt: number;
  createdAt: number;
}

/** Tables of migration 0004-oauth, as Kysely sees them. */
export type OAuthTables = {
  user_pool_domains: {
    domain: string;
    pool_id: string;
    kind: string;
    certificate_arn: string | null;
    managed_login_version: number;
    created_at: number;
    updated_at: number;
  };
  resource_servers: {
    pool_id: string;
    identifier: string;
    name: string;
    scopes: string;
    created_at: number;
    updated_at: number;
  };
  oauth_codes: {
    code_hash: string;
    pool_id: string;
    client_id: string;
    user_id: string;
    redirect_uri: string;
    scope: string;
    nonce: string | null;
    code_challenge: string | null;
    code_challenge_method: string | null;
    auth_time: number;
    expires_at: number;
    created_at: number;
  };
  hosted_sessions: {
    id_hash: string;
    pool_id: string;
    user_id: string;
    auth_time: number;
    expires_at: number;
    created_at: number;
  };
};

/**
 * Storage for the OAuth 2.0 surface (`store.oauth`): domains, resource servers, authorization
 * codes and hosted-UI sessions. One-time values are consumed atomically.
 *
 * @example
 * const code = await store.oauth.consumeCode(sha256(given));
 * if (!code || code.expiresAt <= clock.nowMs()) throw invalidGrant();
 */
export interface OAuthRepository {
  /** False (writing nothing) when the domain is taken or the pool already has a domain of that kind. */
  createDomain(d: DomainRecord): Promise<boolean>;
  getDomain(domain: string): Promise<DomainRecord | undefined>;
  /** The pool's domains (at most one prefix and one custom domain). */
  poolDomains(poolId: string): Promise<DomainRecord[]>;
  updateDomain(d: DomainRecord): Promise<void>;
  deleteDomain(domain: string): Promise<boolean>;

  /** False (writing nothing) when the pool already has a resource server with that identifier. */
  createResourceServer(rs: ResourceServerRecord): Promise<boolean>;
  getResourceServer(poolId: string, identifier: string): Promise<ResourceServerRecord | undefined>;
  updateResourceServer(rs: ResourceServerRecord): Promise<void>;
  deleteResourceServer(poolId: string, identifier: string): Promise<boolean>;
  listResourceServers(poolId: string, limit: number, after?: string): Promise<Page<ResourceServerRecord>>;

  putCode(code: AuthorizationCodeRecord): Promise<void>;
  /** Deletes and returns the code; only one caller ever gets it. */
  consumeCode(codeHash: string): Promise<AuthorizationCodeRecord | undefined>;

  createSession(s: HostedSessionRecord): Promise<void>;
  getSession(idHash: string): Promise<HostedSessionRecord | undefined>;
  deleteSession(idHash: string): Promise<void>;
  /** Removes expired codes and sessions. */
  purgeExpired(now: number): Promise<void>;
}

type DomainRow = OAuthTables["user_pool_domains"];
const toDomain = (r: DomainRow): DomainRecord => ({
  domain: r.domain,
  poolId: r.pool_id,
  custom: r.kind === "custom",
  certificateArn: r.certificate_arn,
  managedLoginVersion: r.managed_login_version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
const toResourceServer = (r: OAuthTables["resource_servers"]): ResourceServerRecord => ({
  poolId: r.pool_id,
  identifier: r.identifier,
  name: r.name,
  scopes: JSON.parse(r.scopes) as ResourceServerScope[],
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
const toCode = (r: OAuthTables["oauth_codes"]): AuthorizationCodeRecord => ({
  codeHash: r.code_hash,
  poolId: r.pool_id,
  clientId: r.client_id,
  userId: r.user_id,
  redirectUri: r.redirect_uri,
  scope: r.scope,
  nonce: r.nonce,
  codeChallenge: r.code_challenge,
  codeChallengeMethod: r.code_challenge_method,
  authTime: r.auth_time,
  expiresAt: r.expires_at,
  createdAt: r.created_at,
});
const toSession = (r: OAuthTables["hosted_sessions"]): HostedSessionRecord => ({
  idHash: r.id_hash,
  poolId: r.pool_id,
  userId: r.user_id,
  authTime: r.auth_time,
  expiresAt: r.expires_at,
  createdAt: r.created_at,
});

export function oauthRepository(base: Db): OAuthRepository {
  const db = base.withTables<OAuthTables>();
  return {
    async createDomain(d) {
      const r = await db
        .insertInto("user_pool_domains")
        .values({
          domain: d.domain,
          pool_id: d.poolId,
          kind: d.custom ? "custom" : "prefix",
          certificate_arn: d.certificateArn,
          managed_login_version: d.managedLoginVersion,
          created_at: d.createdAt,
          updated_at: d.updatedAt,
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return r.numInsertedOrUpdatedRows === 1n;
    },
    async getDomain(domain) {
      const r = await db
        .selectFrom("user_pool_domains")
        .selectAll()
        .where("domain", "=", domain)
        .executeTakeFirst();
      return r && toDomain(r);
    },
    async poolDomains(poolId) {
      const rows = await db
        .selectFrom("user_pool_domains")
        .selectAll()
        .where("pool_id", "=", poolId)
        .orderBy("kind", "desc")
        .execute();
      return rows.map(toDomain);
    },
    async updateDomain(d) {
      await db
        .updateTable("user_pool_domains")
        .set({
          certificate_arn: d.certificateArn,
          managed_login_version: d.managedLoginVersion,
          updated_at: d.updatedAt,
        })
        .where("domain", "=", d.domain)
        .execute();
    },
    async deleteDomain(domain) {
      const r = await db.deleteFrom("user_pool_domains").where("domain", "=", domain).executeTakeFirst();
      return r.numDeletedRows > 0n;
    },

    async createResourceServer(rs) {
      const r = await db
        .insertInto("resource_servers")
        .values({
          pool_id: rs.poolId,
          identifier: rs.identifier,
          name: rs.name,
          scopes: JSON.stringify(rs.scopes),
          created_at: rs.createdAt,
          updated_at: rs.updatedAt,
        })
        .onConflict((oc) => oc.columns(["pool_id", "identifier"]).doNothing())
        .executeTakeFirst();
      return r.numInsertedOrUpdatedRows === 1n;
    },
    async getResourceServer(poolId, identifier) {
      const r = await db
        .selectFrom("resource_servers")
        .selectAll()
        .where("pool_id", "=", poolId)
        .where("identifier", "=", identifier)
        .executeTakeFirst();
      return r && toResourceServer(r);
    },
    async updateResourceServer(rs) {
      await db
        .updateTable("resource_servers")
        .set({ name: rs.name, scopes: JSON.stringify(rs.scopes), updated_at: rs.updatedAt })
        .where("pool_id", "=", rs.poolId)
        .where("identifier", "=", rs.identifier)
        .execute();
    },
    async deleteResourceServer(poolId, identifier) {
      const r = await db
        .deleteFrom("resource_servers")
        .where("pool_id", "=", poolId)
        .where("identifier", "=", identifier)
        .executeTakeFirst();
      return r.numDeletedRows > 0n;
    },
    async listResourceServers(poolId, limit, after) {
      let q = db
        .selectFrom("resource_servers")
        .selectAll()
        .where("pool_id", "=", poolId)
        .orderBy("identifier")
        .limit(limit + 1);
      if (after !== undefined) q = q.where("identifier", ">", after);
      return page(await q.execute(), limit, toResourceServer, (r) => r.identifier);
    },

    async putCode(c) {
      await db
        .insertInto("oauth_codes")
        .values({
          code_hash: c.codeHash,
          pool_id: c.poolId,
          client_id: c.clientId,
          user_id: c.userId,
          redirect_uri: c.redirectUri,
          scope: c.scope,
          nonce: c.nonce,
          code_challenge: c.codeChallenge,
          code_challenge_method: c.codeChallengeMethod,
          auth_time: c.authTime,
          expires_at: c.expiresAt,
          created_at: c.createdAt,
        })
        .execute();
    },
    async consumeCode(codeHash) {
      // DELETE … RETURNING: one statement, so two concurrent redemptions cannot both get the row.
      const r = await db
        .deleteFrom("oauth_codes")
        .where("code_hash", "=", codeHash)
        .returningAll()
        .executeTakeFirst();
      return r && toCode(r);
    },

    async createSession(s) {
      await db
        .insertInto("hosted_sessions")
        .values({
          id_hash: s.idHash,
          pool_id: s.poolId,
          user_id: s.userId,
          auth_time: s.authTime,
          expires_at: s.expiresAt,
          created_at: s.createdAt,
        })
        .execute();
    },
    async getSession(idHash) {
      const r = await db
        .selectFrom("hosted_sessions")
        .selectAll()
        .where("id_hash", "=", idHash)
        .executeTakeFirst();
      return r && toSession(r);
    },
    async deleteSession(idHash) {
      await db.deleteFrom("hosted_sessions").where("id_hash", "=", idHash).execute();
    },
    async purgeExpired(now) {
      await db.deleteFrom("oauth_codes").where("expires_at", "<", now).execute();
      await db.deleteFrom("hosted_sessions").where("expires_at", "<", now).execute();
    },
  };
}

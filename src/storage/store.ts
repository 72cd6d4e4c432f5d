import type {
  ClientRecord,
  CodeRecord,
  GroupRecord,
  OutboxMessage,
  Page,
  PoolRecord,
  RefreshTokenRecord,
  SigningKeyRecord,
  UserRecord,
} from "./records.ts";
import type { DevicesRepository } from "./repositories/devices.ts";
import type { IdentityPoolsRepository } from "./repositories/identity-pools.ts";
import type { IdentityProvidersRepository } from "./repositories/identity-providers.ts";
import type { OAuthRepository } from "./repositories/oauth.ts";
import type { UICustomizationsRepository } from "./repositories/ui-customizations.ts";
import type { UserImportJobsRepository } from "./repositories/user-import-jobs.ts";
import type { WebAuthnRepository } from "./repositories/webauthn.ts";

export type UserPatch = Partial<
  Pick<
    UserRecord,
    | "status"
    | "enabled"
    | "passwordHash"
    | "passwordSetAt"
    | "srpSalt"
    | "srpVerifier"
    | "mfa"
    | "failedAttempts"
    | "lockedUntil"
  >
>;

/** A ListUsers filter: `name = "value"` or `name ^= "value"`. `name` is a column or attribute name. */
export interface UserFilter {
  name: string;
  op: "=" | "^=";
  value: string;
}

/**
 * Storage, as the server uses it. Every method is one use case; every
 * multi-row write runs in a transaction. Implemented once over Kysely for
 * SQLite and PostgreSQL (see sqlite.ts, postgres.ts).
 *
 * @example
 * await store.transaction(async (tx) => {
 *   await tx.users.update(user.id, { status: "CONFIRMED" });
 *   await tx.codes.delete(user.id, "signup");
 * });
 */
export interface Store {
  readonly dialect: "sqlite" | "postgres";
  readonly meta: {
    get(key: string): Promise<string | undefined>;
    /** Stores `value` unless the key exists; returns the stored value either way (safe across instances). */
    getOrCreate(key: string, value: string): Promise<string>;
  };
  readonly pools: {
    create(pool: PoolRecord, key: SigningKeyRecord): Promise<void>;
    get(id: string): Promise<PoolRecord | undefined>;
    update(id: string, name: string, config: Record<string, unknown>, updatedAt: number): Promise<void>;
    delete(id: string): Promise<boolean>;
    list(limit: number, after?: string): Promise<Page<PoolRecord>>;
    signingKeys(poolId: string): Promise<SigningKeyRecord[]>;
    signingKey(kid: string): Promise<SigningKeyRecord | undefined>;
  };
  readonly clients: {
    create(client: ClientRecord): Promise<void>;
    get(clientId: string): Promise<ClientRecord | undefined>;
    update(client: ClientRecord): Promise<void>;
    delete(clientId: string): Promise<boolean>;
    list(poolId: string, limit: number, after?: string): Promise<Page<ClientRecord>>;
  };
  readonly users: {
    /**
     * Returns false when the username is taken (unique constraint), or when another user of the
     * pool holds the value of one of `uniqueAttributes` (a pool's UsernameAttributes), writing
     * nothing. That check is race-free: concurrent writers of one value take turns (an advisory
     * lock on PostgreSQL; on SQLite transactions take the write lock when they begin).
     */
    create(user: UserRecord, opts?: { uniqueAttributes?: readonly string[] }): Promise<boolean>;
    getByUsername(poolId: string, usernameNorm: string): Promise<UserRecord | undefined>;
    getById(poolId: string, id: string): Promise<UserRecord | undefined>;
    /**
     * The sign-in session `originJti` (its revocation time) and the user `id` of the pool, in one
     * round trip: what every signed-in request needs. No session: the token was never issued here.
     */
    getWithSession(
      poolId: string,
      id: string,
      originJti: string,
    ): Promise<{ session?: { revokedAt: number | null }; user?: UserRecord }>;
    /** Users of the pool whose attribute `name` equals `value` exactly. */
    findByAttribute(poolId: string, name: string, value: string): Promise<UserRecord[]>;
    update(id: string, patch: UserPatch, updatedAt: number): Promise<void>;
    /** Adds one failed sign-in atomically and returns the new count (parallel failures all count). */
    recordFailedAttempt(id: string): Promise<number>;
    /**
     * Sets (inserts or replaces) the given attributes. With `uniqueAttributes` (a pool's
     * UsernameAttributes), writes nothing and returns the name of the first one whose new value
     * another user of the pool holds. With `verifiedAliases` (a pool's AliasAttributes), the same
     * for an alias this update leaves verified (`<name>_verified` "true" afterwards) whose value
     * another user holds verified. Both checks are race-free as in `create`.
     */
    setAttributes(
      user: Pick<UserRecord, "id" | "poolId">,
      attrs: Record<string, string>,
      updatedAt: number,
      opts?: { uniqueAttributes?: readonly string[]; verifiedAliases?: readonly string[] },
    ): Promise<string | undefined>;
    deleteAttributes(userId: string, names: string[], updatedAt: number): Promise<void>;
    delete(id: string): Promise<boolean>;
    list(
      poolId: string,
      opts: { limit: number; after?: string; filter?: UserFilter },
    ): Promise<Page<UserRecord>>;
    /** How many users the pool has (DescribeUserPool's EstimatedNumberOfUsers). */
    count(poolId: string): Promise<number>;
  };
  readonly groups: {
    create(group: GroupRecord): Promise<boolean>;
    get(poolId: string, name: string): Promise<GroupRecord | undefined>;
    update(group: GroupRecord): Promise<void>;
    delete(poolId: string, name: string): Promise<boolean>;
    list(poolId: string, limit: number, after?: string): Promise<Page<GroupRecord>>;
    addMember(poolId: string, name: string, userId: string): Promise<void>;
    removeMember(poolId: string, name: string, userId: string): Promise<void>;
    /** Groups of a user, ordered by precedence (lowest first, unset last), then name. */
    listForUser(userId: string, limit?: number, after?: string): Promise<Page<GroupRecord>>;
    listMembers(poolId: string, name: string, limit: number, after?: string): Promise<Page<UserRecord>>;
  };
  readonly refreshTokens: {
    create(token: RefreshTokenRecord): Promise<void>;
    getByHash(tokenHash: string): Promise<RefreshTokenRecord | undefined>;
    /**
     * The token, the user it was issued to (undefined if gone) and the user's groups (by name), in
     * one round trip: what every refresh reads.
     */
    getByHashWithUser(
      tokenHash: string,
    ): Promise<{ token?: RefreshTokenRecord; user?: UserRecord; groups?: GroupRecord[] }>;
    revoke(originJti: string, at: number): Promise<void>;
    revokeAllForUser(userId: string, at: number): Promise<void>;
    /**
     * Marks a token rotated out at `at`, usable until `until` (the retry grace period). Returns
     * false when it was already rotated or revoked (the first rotation's deadline stays).
     */
    retire(tokenHash: string, at: number, until: number): Promise<boolean>;
  };
  readonly codes: {
    put(code: CodeRecord): Promise<void>;
    get(userId: string, purpose: string): Promise<CodeRecord | undefined>;
    /** Deletes the code if it is still there; true only for the one caller that removed it. */
    consume(userId: string, purpose: string): Promise<boolean>;
    countFailure(userId: string, purpose: string): Promise<void>;
    /**
     * Spends one attempt on a code, atomically, unless `max` are spent already: parallel guesses
     * cannot all pass a limit read earlier. False when the code is gone or out of attempts.
     */
    spendAttempt(userId: string, purpose: string, max: number): Promise<boolean>;
    delete(userId: string, purpose: string): Promise<void>;
  };
  readonly sessions: {
    /** Marks a challenge session used; false if it was used before. */
    markUsed(id: string, expiresAt: number): Promise<boolean>;
    purgeExpired(now: number): Promise<void>;
  };
  readonly outbox: {
    add(message: Omit<OutboxMessage, "seq">): Promise<void>;
    list(filter: { poolId?: string; username?: string; limit: number }): Promise<OutboxMessage[]>;
  };
  readonly rateLimits: {
    /** Counts a hit in a fixed window; returns the count in the current window. */
    hit(bucket: string, windowStart: number): Promise<number>;
  };
  /** Identity pools, identities and their linked logins (the Identity Pools API). */
  readonly identityPools: IdentityPoolsRepository;
  /** User pool domains, resource servers, authorization codes and hosted-UI sessions (OAuth 2.0). */
  readonly oauth: OAuthRepository;
  /** Users' remembered devices and the sign-ins made on them. */
  readonly devices: DevicesRepository;
  /** Users' passkeys (WebAuthn credentials). */
  readonly webauthn: WebAuthnRepository;
  /** External identity providers of user pools and links to existing users (federation). */
  readonly identityProviders: IdentityProvidersRepository;
  /** Hosted UI (classic) branding: CSS and logo per app client or for all of a pool's clients. */
  readonly uiCustomizations: UICustomizationsRepository;
  /** User import jobs: CreateUserImportJob's jobs, their upload tokens and uploaded CSVs. */
  readonly userImportJobs: UserImportJobsRepository;
  /** Runs `fn` in one transaction; nested calls join the outer one. */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

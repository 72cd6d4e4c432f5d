/** Plain records the repositories hand out. Times are epoch milliseconds. */

export interface PoolRecord {
  id: string;
  name: string;
  /** The pool's settings, shaped like Cognito's UserPoolType members (JSON in storage). */
  config: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
}

export interface SigningKeyRecord {
  kid: string;
  poolId: string;
  privateJwk: Record<string, unknown>;
  publicJwk: Record<string, unknown>;
  createdAt: number;
}

/** One of an app client's secrets (ClientSecretDescriptorType). */
export interface ClientSecretRecord {
  id: string;
  value: string;
  createdAt: number;
}

export interface ClientRecord {
  clientId: string;
  poolId: string;
  name: string;
  secret: string | null;
  /**
   * The client's current secrets once AddUserPoolClientSecret/DeleteUserPoolClientSecret have been
   * used (`secret` then holds the oldest); null or absent: just `secret`. See domain/client-secrets.ts.
   */
  secrets?: ClientSecretRecord[] | null;
  /** Settings shaped like UserPoolClientType members. */
  config: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
}

export type UserStatus =
  | "UNCONFIRMED"
  | "CONFIRMED"
  | "FORCE_CHANGE_PASSWORD"
  | "RESET_REQUIRED"
  | "EXTERNAL_PROVIDER"
  | "ARCHIVED"
  | "COMPROMISED"
  | "UNKNOWN";

export interface UserMfaSettings {
  preferred?: string;
  enabled?: string[];
  totpSecret?: string;
  [k: string]: unknown;
}

export interface UserRecord {
  /** The user's `sub`. */
  id: string;
  poolId: string;
  username: string;
  usernameNorm: string;
  status: UserStatus;
  enabled: boolean;
  passwordHash: string | null;
  passwordSetAt: number | null;
  /** SRP salt and verifier (hex), kept in step with the password; null until computed for older passwords. */
  srpSalt?: string | null;
  srpVerifier?: string | null;
  mfa: UserMfaSettings;
  failedAttempts: number;
  lockedUntil: number | null;
  createdAt: number;
  updatedAt: number;
  /** Attribute name → value, `sub` included. */
  attributes: Record<string, string>;
}

export interface GroupRecord {
  poolId: string;
  name: string;
  description: string | null;
  roleArn: string | null;
  precedence: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface RefreshTokenRecord {
  tokenHash: string;
  originJti: string;
  poolId: string;
  clientId: string;
  userId: string;
  authTime: number;
  eventId: string;
  scopes: string;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
  /** Set once rotation exchanged this token for a new one; `expiresAt` is then the end of the grace period. */
  rotatedAt?: number | null;
}

export interface CodeRecord {
  userId: string;
  purpose: string;
  codeHash: string;
  data: string | null;
  attempts: number;
  expiresAt: number;
  createdAt: number;
}

export interface OutboxMessage {
  id: string;
  seq: number;
  poolId: string;
  username: string;
  channel: "EMAIL" | "SMS";
  destination: string;
  subject: string | null;
  body: string;
  code: string | null;
  createdAt: number;
}

/** A page of results and the key to continue after the last one. */
export interface Page<T> {
  items: T[];
  next?: string;
}

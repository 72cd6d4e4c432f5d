/** Row types of every table, as Kysely sees them. Times are epoch milliseconds. */
export interface Database {
  meta: { key: string; value: string };
  user_pools: { id: string; name: string; config: string; created_at: number; updated_at: number };
  signing_keys: { kid: string; pool_id: string; private_jwk: string; public_jwk: string; created_at: number };
  clients: {
    client_id: string;
    pool_id: string;
    name: string;
    secret: string | null;
    /** JSON ClientSecretRecord[]; null until the secrets API is used (migration 0010). */
    secrets: string | null;
    config: string;
    created_at: number;
    updated_at: number;
  };
  users: {
    id: string;
    pool_id: string;
    username: string;
    username_norm: string;
    status: string;
    enabled: number;
    password_hash: string | null;
    password_set_at: number | null;
    srp_salt: string | null;
    srp_verifier: string | null;
    mfa: string;
    failed_attempts: number;
    locked_until: number | null;
    created_at: number;
    updated_at: number;
  };
  user_attributes: { user_id: string; pool_id: string; name: string; value: string };
  groups: {
    pool_id: string;
    name: string;
    description: string | null;
    role_arn: string | null;
    precedence: number | null;
    created_at: number;
    updated_at: number;
  };
  group_members: { pool_id: string; group_name: string; user_id: string };
  refresh_tokens: {
    token_hash: string;
    origin_jti: string;
    pool_id: string;
    client_id: string;
    user_id: string;
    auth_time: number;
    event_id: string;
    scopes: string;
    created_at: number;
    expires_at: number;
    revoked_at: number | null;
    rotated_at: number | null;
  };
  codes: {
    user_id: string;
    purpose: string;
    code_hash: string;
    data: string | null;
    attempts: number;
    expires_at: number;
    created_at: number;
  };
  used_sessions: { id: string; expires_at: number };
  outbox: {
    id: string;
    seq: number;
    pool_id: string;
    username: string;
    channel: string;
    destination: string;
    subject: string | null;
    body: string;
    code: string | null;
    created_at: number;
  };
  rate_limits: { bucket: string; window_start: number; count: number };
}

export type Dialect = "sqlite" | "postgres";

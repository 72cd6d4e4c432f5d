/**
 * Every setting cognate reads, with its default and documentation. The same
 * name works everywhere: `port` is `--port` on the command line,
 * `COGNATE_PORT` in the environment and `"port"` in a JSON config file.
 * Precedence: defaults < config file < environment < flags.
 */
export interface SettingDef {
  readonly type: "string" | "integer" | "boolean";
  readonly default: string | number | boolean;
  readonly doc: string;
  /** Values that must not be printed (shown as "***" in `cognate config`). */
  readonly secret?: boolean;
}

export const settings = {
  port: { type: "integer", default: 9229, doc: "TCP port to listen on; 0 picks a free port." },
  host: {
    type: "string",
    default: "127.0.0.1",
    doc: "Interface to bind. Use 0.0.0.0 to accept remote connections.",
  },
  workers: {
    type: "integer",
    default: 1,
    doc: "Server processes sharing the port (node:cluster), each a whole server on the same database; 0 means one per CPU core. A Node.js process runs its JavaScript on one core: use 0 in production on a multi-core machine.",
  },
  dataDir: {
    type: "string",
    default: "./data",
    doc: "Folder for the embedded SQLite database (created if missing).",
  },
  databaseUrl: {
    type: "string",
    default: "",
    doc: "PostgreSQL connection URL (postgres://user:pass@host/db). When set, SQLite is not used and several cognate processes may share the database.",
    secret: true,
  },
  region: {
    type: "string",
    default: "us-east-1",
    doc: "Region used in pool ids (<region>_xxxxxxxxx), ARNs and SigV4 scope.",
  },
  publicUrl: {
    type: "string",
    default: "",
    doc: "Base URL clients use to reach this server; the token issuer is <publicUrl>/<poolId>. Defaults to http://<host>:<port>.",
  },
  awsIssuer: {
    type: "boolean",
    default: false,
    doc: "Issue tokens with iss https://cognito-idp.<region>.amazonaws.com/<poolId>, for apps whose verifier hard-codes Cognito's issuer.",
  },
  stsEndpoint: {
    type: "string",
    default: "",
    doc: "STS endpoint (e.g. https://sts.us-east-1.amazonaws.com) that GetCredentialsForIdentity calls AssumeRoleWithWebIdentity on with the identity's OpenID token. When empty, cognate returns development credentials (AccessKeyId ASIACOGNATEDEV…) that no AWS service accepts.",
  },
  dev: {
    type: "boolean",
    default: false,
    doc: "Development mode: without --access-keys, admin (IAM) operations accept unsigned calls from this machine (not from other sites' pages); the outbox is on, codes are logged and rate limits are off. Never use in production.",
  },
  accessKeys: {
    type: "string",
    default: "",
    doc: "Comma-separated ACCESS_KEY_ID:SECRET_ACCESS_KEY pairs allowed to call admin (IAM-authorised) operations.",
    secret: true,
  },
  sigv4MaxSkewSeconds: {
    type: "integer",
    default: 300,
    doc: "How far a SigV4 request's X-Amz-Date may be from the server clock.",
  },
  logLevel: { type: "string", default: "info", doc: "debug, info, warn, error or silent." },
  outbox: {
    type: "boolean",
    default: false,
    doc: "Record every email and SMS in the development outbox (readable at GET /_cognate/outbox and with `cognate outbox`). Always on in dev mode.",
  },
  smtpHost: {
    type: "string",
    default: "",
    doc: "SMTP server for email. When empty, email goes only to the outbox (if on).",
  },
  smtpPort: { type: "integer", default: 587, doc: "SMTP port." },
  smtpSecure: {
    type: "boolean",
    default: false,
    doc: "Use implicit TLS (port 465 style) instead of STARTTLS.",
  },
  smtpUser: { type: "string", default: "", doc: "SMTP user name." },
  smtpPassword: { type: "string", default: "", doc: "SMTP password.", secret: true },
  smtpFrom: {
    type: "string",
    default: "no-reply@cognate.local",
    doc: "Default From address when a pool sets none.",
  },
  smsWebhookUrl: {
    type: "string",
    default: "",
    doc: "SMS sender: each SMS is POSTed as JSON {to, body} to this URL. When empty, SMS goes only to the outbox (if on).",
  },
  argon2MemoryKiB: {
    type: "integer",
    default: 19456,
    doc: "argon2id memory cost for new password hashes (OWASP: 19 MiB).",
  },
  argon2Iterations: { type: "integer", default: 2, doc: "argon2id time cost for new password hashes." },
  argon2Parallelism: { type: "integer", default: 1, doc: "argon2id parallelism for new password hashes." },
  rateLimitPerMinute: {
    type: "integer",
    default: 120,
    doc: "Sign-in and code-sending requests allowed per minute per client IP and per user (0 disables).",
  },
} as const satisfies Record<string, SettingDef>;

export type SettingName = keyof typeof settings;
type ValueOf<D extends SettingDef> = D["type"] extends "integer"
  ? number
  : D["type"] extends "boolean"
    ? boolean
    : string;
export type Config = { readonly [K in SettingName]: ValueOf<(typeof settings)[K]> };

export const envName = (key: string): string =>
  `COGNATE_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
export const flagName = (key: string): string => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

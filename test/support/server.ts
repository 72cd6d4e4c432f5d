import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import pg from "pg";
import { loadConfig } from "../../src/config/load.ts";
import type { Config } from "../../src/config/schema.ts";
import type { MessageSender } from "../../src/delivery/message.ts";
import { type RunningServer, startServer } from "../../src/main.ts";
import { ManualClock } from "../../src/runtime/clock.ts";
import { createLogger } from "../../src/runtime/logger.ts";

export type Backend = "sqlite" | "postgres";

export const TEST_KEY = { accessKeyId: "AKIDCOGNATETEST", secretAccessKey: "cognate-test-secret-key" };
const PG_URL = process.env.COGNATE_TEST_PG_URL;

/** The backends this run covers: SQLite always, PostgreSQL when the runner started one. */
export const BACKENDS: Backend[] = PG_URL ? ["sqlite", "postgres"] : ["sqlite"];

export interface TestServer {
  url: string;
  server: RunningServer;
  clock: ManualClock;
  /** An SDK client with the test access key (admin operations pass SigV4). */
  idp: CognitoIdentityProviderClient;
  /** An SDK client with no usable credentials, as a browser or mobile app calls public operations. */
  publicIdp: CognitoIdentityProviderClient;
  close(): Promise<void>;
}

export interface TestServerOptions {
  backend?: Backend;
  config?: Partial<Config>;
  /** Use the real clock instead of a ManualClock (the SDK signs with real time). */
  senders?: { EMAIL?: MessageSender[]; SMS?: MessageSender[] };
}

export async function freshPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `cognate_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_URL!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * Starts a real cognate server on a free port with a throwaway database.
 * The clock is a ManualClock that starts at the real time, so SigV4 signatures
 * made by the SDK are within the allowed skew until a test moves it.
 */
export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const backend = opts.backend ?? "sqlite";
  const dataDir = mkdtempSync(join(tmpdir(), "cognate-test-"));
  const pgdb = backend === "postgres" ? await freshPostgresDatabase() : undefined;
  const config = loadConfig({
    env: {},
    overrides: {
      port: 0,
      dataDir,
      databaseUrl: pgdb?.url ?? "",
      accessKeys: `${TEST_KEY.accessKeyId}:${TEST_KEY.secretAccessKey}`,
      outbox: true,
      logLevel: "silent",
      rateLimitPerMinute: 0,
      ...opts.config,
    },
  });
  const clock = new ManualClock(new Date());
  const server = await startServer(config, {
    clock,
    logger: createLogger("silent"),
    ...(opts.senders ? { senders: opts.senders } : {}),
  });
  const mk = (credentials: { accessKeyId: string; secretAccessKey: string }) =>
    new CognitoIdentityProviderClient({
      endpoint: server.url,
      region: config.region,
      credentials,
      maxAttempts: 1,
    });
  const idp = mk(TEST_KEY);
  const publicIdp = mk({ accessKeyId: "none", secretAccessKey: "none" });
  return {
    url: server.url,
    server,
    clock,
    idp,
    publicIdp,
    async close() {
      idp.destroy();
      publicIdp.destroy();
      await server.close();
      await pgdb?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** POSTs a raw AWS JSON 1.1 request, as the curl commands in the seeds do. */
export async function rawCall(
  url: string,
  target: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; json: Record<string, any> }> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": target, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : {} };
}

/** The newest outbox message for a user (the code a person would read in their email). */
export async function latestMessage(url: string, poolId: string, username: string) {
  const res = await fetch(
    `${url}/_cognate/outbox?poolId=${encodeURIComponent(poolId)}&username=${encodeURIComponent(username)}&limit=1`,
  );
  const { messages } = (await res.json()) as {
    messages: { code: string; body: string; destination: string; subject: string; channel: string }[];
  };
  if (!messages[0]) throw new Error(`no outbox message for ${username}`);
  return messages[0];
}

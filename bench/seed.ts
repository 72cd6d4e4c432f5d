import { randomBytes, randomUUID } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { systemClock } from "../src/runtime/clock.ts";
import { openStore } from "../src/storage/open.ts";
import type { UserRecord } from "../src/storage/records.ts";
import { makeVerifier, srpPoolName } from "../src/user-pools/auth/srp/protocol.ts";
import { BENCH_PASSWORD } from "./scenarios.ts";
import { call, type RequestBuilder } from "./wire.ts";

/** argon2id parameters of the server's defaults (src/config/schema.ts): OWASP m=19 MiB, t=2, p=1. */
export const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Creates the benchmark pool (email verified on sign-up) and a public app client, through the API. */
export async function createPool(rb: RequestBuilder): Promise<{ poolId: string; clientId: string }> {
  const { UserPool } = await call<{ UserPool: { Id: string } }>(
    rb.url,
    await rb.signed("CreateUserPool", { PoolName: "bench", AutoVerifiedAttributes: ["email"] }),
  );
  const { UserPoolClient } = await call<{ UserPoolClient: { ClientId: string } }>(
    rb.url,
    await rb.signed("CreateUserPoolClient", {
      UserPoolId: UserPool.Id,
      ClientName: "bench",
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    }),
  );
  return { poolId: UserPool.Id, clientId: UserPoolClient.ClientId };
}

/**
 * Seeds `count` confirmed users `user0` … `user<count-1>` (email user<i>@example.com,
 * verified) straight through the Store, in this process, while the server runs.
 *
 * BENCHMARK ONLY: every user gets the SAME precomputed argon2id hash (one salt for all),
 * because hashing 100,000 passwords through AdminCreateUser would take minutes on two
 * cores. The hash uses the server's parameters, so sign-in verifies it at full cost and
 * does not re-hash. Likewise every user gets user0's SRP salt and verifier (0.7 ms of
 * modpow each otherwise): USER_SRP_AUTH works only for user0, but USER_PASSWORD_AUTH does
 * not take the one-time "backfill a missing verifier" path that migrated users pay once.
 * Never seed a real pool this way.
 */
export async function seedUsers(
  db: { dataDir: string; databaseUrl: string },
  poolId: string,
  count: number,
): Promise<void> {
  const passwordHash = await hash(BENCH_PASSWORD, ARGON2);
  const srp = makeVerifier(srpPoolName(poolId), "user0", BENCH_PASSWORD, randomBytes(16));
  const store = await openStore(db, systemClock);
  try {
    const now = Date.now();
    const record = (i: number): UserRecord => {
      const id = randomUUID();
      return {
        id,
        poolId,
        username: `user${i}`,
        usernameNorm: `user${i}`,
        status: "CONFIRMED",
        enabled: true,
        passwordHash,
        passwordSetAt: now,
        srpSalt: srp.salt,
        srpVerifier: srp.verifier,
        mfa: {},
        failedAttempts: 0,
        lockedUntil: null,
        createdAt: now,
        updatedAt: now,
        attributes: { sub: id, email: `user${i}@example.com`, email_verified: "true" },
      };
    };
    const chunk = 1000;
    // PostgreSQL takes several transactions at once; SQLite has one writer.
    const lanes = db.databaseUrl ? 4 : 1;
    let nextChunk = 0;
    const lane = async () => {
      for (;;) {
        const from = nextChunk++ * chunk;
        if (from >= count) return;
        await store.transaction(async (tx) => {
          for (let i = from; i < Math.min(count, from + chunk); i++) {
            if (!(await tx.users.create(record(i)))) throw new Error(`user${i} already exists`);
          }
        });
      }
    };
    await Promise.all(Array.from({ length: lanes }, lane));
  } finally {
    await store.close();
  }
}

/** Signs in `n` users (USER_PASSWORD_AUTH) for the token scenarios. */
export async function signIn(rb: RequestBuilder, clientId: string, n: number, users: number) {
  const out: { accessToken: string; refreshToken: string }[] = [];
  let next = 0;
  const lane = async () => {
    while (next < n) {
      const i = Math.floor(((next++ + 0.5) * users) / n);
      const r = await call<{ AuthenticationResult: { AccessToken: string; RefreshToken: string } }>(
        rb.url,
        rb.plain("InitiateAuth", {
          AuthFlow: "USER_PASSWORD_AUTH",
          ClientId: clientId,
          AuthParameters: { USERNAME: `user${i}`, PASSWORD: BENCH_PASSWORD },
        }),
      );
      out.push({
        accessToken: r.AuthenticationResult.AccessToken,
        refreshToken: r.AuthenticationResult.RefreshToken,
      });
    }
  };
  await Promise.all(Array.from({ length: 4 }, lane));
  return out;
}

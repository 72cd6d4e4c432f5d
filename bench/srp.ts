// SRP sign-in benchmark, on its own: `npx tsx bench/srp.ts [--backend sqlite|postgres] [--users 32]
// [--duration 10] [--concurrency 8]`. Starts the server as its own process, creates users through
// the API (AdminCreateUser + AdminSetUserPassword, so each has a real SRP verifier), then signs them
// in with USER_SRP_AUTH (InitiateAuth + RespondToAuthChallenge PASSWORD_VERIFIER) from this process
// and reports sign-ins per second, latency and server CPU; USER_PASSWORD_AUTH runs the same way for
// comparison. The client's SRP math uses the same OpenSSL path as the server, so it is not the limit.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { startThrowawayPostgres } from "../scripts/pg-throwaway.mjs";
import { g, hashInt, k, N, padBytes } from "../src/user-pools/auth/srp/group.ts";
import { modPowN } from "../src/user-pools/auth/srp/modpow.ts";
import {
  claimSignature,
  derivedKey,
  passwordExponent,
  srpPoolName,
} from "../src/user-pools/auth/srp/protocol.ts";
import { formatTimestamp } from "../src/user-pools/auth/srp/timestamp.ts";
import { sampleProc, startServer } from "./server.ts";
import { call, RequestBuilder } from "./wire.ts";

const KEY = { accessKeyId: "AKIDCOGNATEBENCH", secretAccessKey: "cognate-bench-secret-key" };
const PASSWORD = "Bench-Srp-Pass-1";

const { values: flags } = parseArgs({
  options: {
    backend: { type: "string", default: "sqlite" },
    users: { type: "string", default: "32" },
    duration: { type: "string", default: "10" },
    concurrency: { type: "string", default: "8" },
  },
});
const users = Number(flags.users);
const duration = Number(flags.duration);
const concurrency = Number(flags.concurrency);

const rand = (bytes: number) =>
  BigInt(
    `0x${crypto.getRandomValues(new Uint8Array(bytes)).reduce((s, b) => s + b.toString(16).padStart(2, "0"), "")}`,
  );

/** The client half of the exchange (what AuthenticationHelper computes), with x and k·g^x cached per user. */
function answer(
  poolId: string,
  a: bigint,
  A: bigint,
  user: { x: bigint; kv: bigint },
  c: Record<string, string>,
) {
  const B = BigInt(`0x${c.SRP_B}`);
  const u = hashInt(padBytes(A), padBytes(B));
  const S = modPowN((((B - user.kv) % N) + N) % N, a + u * user.x);
  const timestamp = formatTimestamp(Date.now());
  const signature = claimSignature(
    derivedKey(S, u),
    srpPoolName(poolId),
    c.USER_ID_FOR_SRP!,
    Buffer.from(c.SECRET_BLOCK!, "base64"),
    timestamp,
  );
  return {
    USERNAME: c.USER_ID_FOR_SRP!,
    PASSWORD_CLAIM_SECRET_BLOCK: c.SECRET_BLOCK!,
    TIMESTAMP: timestamp,
    PASSWORD_CLAIM_SIGNATURE: signature.toString("base64"),
  };
}

async function main() {
  let stopPg = () => {};
  let databaseUrl = "";
  if (flags.backend === "postgres") {
    const cluster = await startThrowawayPostgres();
    if (!cluster) throw new Error("no PostgreSQL server binaries (initdb) found");
    databaseUrl = cluster.url;
    stopPg = cluster.stop;
  } else if (flags.backend !== "sqlite") throw new Error("--backend must be sqlite or postgres");
  const dataDir = mkdtempSync(join(tmpdir(), "cognate-bench-srp-"));
  const server = await startServer({
    dataDir,
    databaseUrl,
    accessKeys: `${KEY.accessKeyId}:${KEY.secretAccessKey}`,
  });
  try {
    const rb = new RequestBuilder(server.url, KEY);
    const { UserPool } = await call<{ UserPool: { Id: string } }>(
      rb.url,
      await rb.signed("CreateUserPool", { PoolName: "bench-srp" }),
    );
    const poolId = UserPool.Id;
    const { UserPoolClient } = await call<{ UserPoolClient: { ClientId: string } }>(
      rb.url,
      await rb.signed("CreateUserPoolClient", {
        UserPoolId: poolId,
        ClientName: "bench-srp",
        ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      }),
    );
    const clientId = UserPoolClient.ClientId;
    const t0 = performance.now();
    for (let i = 0; i < users; i++) {
      await call(
        rb.url,
        await rb.signed("AdminCreateUser", {
          UserPoolId: poolId,
          Username: `user${i}`,
          MessageAction: "SUPPRESS",
        }),
      );
      await call(
        rb.url,
        await rb.signed("AdminSetUserPassword", {
          UserPoolId: poolId,
          Username: `user${i}`,
          Password: PASSWORD,
          Permanent: true,
        }),
      );
    }
    console.log(
      `${flags.backend}: ${users} users with SRP verifiers created through the API in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    // x depends on the user's salt, which the first challenge reveals; cache it (and k·g^x) per user.
    const secrets = new Map<string, { x: bigint; kv: bigint }>();
    const srpSignIn = async (username: string) => {
      const a = rand(32);
      const A = modPowN(g, a);
      const init = await call<{ ChallengeParameters: Record<string, string> }>(
        rb.url,
        rb.plain("InitiateAuth", {
          ClientId: clientId,
          AuthFlow: "USER_SRP_AUTH",
          AuthParameters: { USERNAME: username, SRP_A: A.toString(16) },
        }),
      );
      const c = init.ChallengeParameters;
      let user = secrets.get(username);
      if (!user) {
        const x = passwordExponent(srpPoolName(poolId), c.USER_ID_FOR_SRP!, PASSWORD, BigInt(`0x${c.SALT}`));
        user = { x, kv: k * modPowN(g, x) };
        secrets.set(username, user);
      }
      const done = await call<{ AuthenticationResult?: { AccessToken?: string } }>(
        rb.url,
        rb.plain("RespondToAuthChallenge", {
          ClientId: clientId,
          ChallengeName: "PASSWORD_VERIFIER",
          ChallengeResponses: answer(poolId, a, A, user, c),
        }),
      );
      if (!done.AuthenticationResult?.AccessToken) throw new Error("SRP sign-in returned no tokens");
    };
    const passwordSignIn = async (username: string) => {
      const done = await call<{ AuthenticationResult?: { AccessToken?: string } }>(
        rb.url,
        rb.plain("InitiateAuth", {
          ClientId: clientId,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: username, PASSWORD },
        }),
      );
      if (!done.AuthenticationResult?.AccessToken) throw new Error("password sign-in returned no tokens");
    };

    const rows = [];
    for (const [name, signIn] of [
      ["USER_SRP_AUTH", srpSignIn],
      ["USER_PASSWORD_AUTH", passwordSignIn],
    ] as const) {
      for (let i = 0; i < Math.min(users, concurrency); i++) await signIn(`user${i}`); // warm-up, fills the x cache
      const latencies: number[] = [];
      let n = 0;
      const before = sampleProc(server.pid);
      const start = performance.now();
      const deadline = start + duration * 1000;
      await Promise.all(
        Array.from({ length: concurrency }, async (_, lane) => {
          while (performance.now() < deadline) {
            const s = performance.now();
            await signIn(`user${(lane + n * concurrency) % users}`);
            latencies.push(performance.now() - s);
            n++;
          }
        }),
      );
      const seconds = (performance.now() - start) / 1000;
      const after = sampleProc(server.pid);
      latencies.sort((p, q) => p - q);
      const pct = (p: number) =>
        latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!.toFixed(1);
      rows.push({
        flow: name,
        "sign-ins/s": Number((n / seconds).toFixed(1)),
        "p50 ms": pct(0.5),
        "p95 ms": pct(0.95),
        "server CPU ms / sign-in": Number(((after.cpuMs - before.cpuMs) / n).toFixed(2)),
        "server main-thread CPU %": Number(
          (((after.mainThreadCpuMs - before.mainThreadCpuMs) / (seconds * 1000)) * 100).toFixed(0),
        ),
      });
    }
    console.log(`${flags.backend}, concurrency ${concurrency}, ${duration} s each:`);
    console.table(rows);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    stopPg();
  }
}

await main();

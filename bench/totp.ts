// TOTP sign-in benchmark, on its own: `npx tsx bench/totp.ts [--backend sqlite|postgres] [--users 1500]
// [--duration 10] [--concurrency 8]`. Starts the server as its own process, creates a pool with
// MFA OPTIONAL and software tokens enabled, creates users through the API (AdminCreateUser +
// AdminSetUserPassword) and turns TOTP on for each (sign-in → AssociateSoftwareToken →
// VerifySoftwareToken → SetUserMFAPreference), then measures full sign-ins from this process:
// InitiateAuth USER_PASSWORD_AUTH → SOFTWARE_TOKEN_MFA → RespondToAuthChallenge → tokens. Also
// plain USER_PASSWORD_AUTH (users without MFA) for comparison, the RespondToAuthChallenge step on
// its own (sessions opened beforehand, so no argon2 in the window) and verifyTotp in-process.
//
// A TOTP code works once: the server refuses a step at or before the last one it accepted for the
// user. So each user signs in at most once per 30-second step; the lanes rotate through the users
// and never take one whose last step is the current one (a lane that finds none waits for the next
// step, and the table says how often). The measured window starts at a step boundary, so --users
// must be at least the sign-ins expected in min(--duration, 30) seconds.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { startThrowawayPostgres } from "../scripts/pg-throwaway.mjs";
import { verifyTotp } from "../src/user-pools/domain/totp.ts";
import { totpCode } from "../test/support/totp.ts";
import { type ProcSample, sampleProc as sampleServer, startServer } from "./server.ts";
import { call, RequestBuilder } from "./wire.ts";

const KEY = { accessKeyId: "AKIDCOGNATEBENCH", secretAccessKey: "cognate-bench-secret-key" };
const PASSWORD = "Bench-Totp-Pass-1";
const STEP_MS = 30_000;

const { values: flags } = parseArgs({
  options: {
    backend: { type: "string", default: "sqlite" },
    users: { type: "string", default: "1500" },
    duration: { type: "string", default: "10" },
    concurrency: { type: "string", default: "8" },
  },
});
const users = Number(flags.users);
const duration = Number(flags.duration);
const concurrency = Number(flags.concurrency);
const plainUsers = Math.max(16, concurrency * 2);

const stepOf = (ms: number) => Math.floor(ms / STEP_MS);
const msToNextStep = () => STEP_MS - (Date.now() % STEP_MS) + 5;

/** The machine's busy CPU time (all processes: server, this generator, PostgreSQL, others), in ms. */
function machineBusyMs(): number {
  const [, ...ticks] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).map(Number);
  const idle = ticks[3]! + ticks[4]!; // idle + iowait
  return ((ticks.slice(0, 8).reduce((a, b) => a + b, 0) - idle) * 1000) / 100; // USER_HZ = 100
}

type Sample = ProcSample & { machineBusyMs: number };
const sampleProc = (pid: number): Sample => ({ ...sampleServer(pid), machineBusyMs: machineBusyMs() });

interface Tokens {
  AuthenticationResult?: { AccessToken?: string };
  ChallengeName?: string;
  Session?: string;
}

/** Runs `fn(i)` for i in 0…count-1 with `lanes` calls in flight. */
async function inParallel(count: number, lanes: number, fn: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < count) await fn(next++);
    }),
  );
}

/** The figures of one measured window. */
function summarize(
  name: string,
  latencies: number[],
  seconds: number,
  before: Sample,
  after: Sample,
  extra: Record<string, string | number> = {},
) {
  latencies.sort((p, q) => p - q);
  const pct = (p: number) =>
    latencies.length === 0
      ? "-"
      : latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!.toFixed(1);
  const n = latencies.length;
  return {
    measured: name,
    n,
    "per s": Number((n / seconds).toFixed(1)),
    "p50 ms": pct(0.5),
    "p99 ms": pct(0.99),
    "server CPU ms each": n === 0 ? "-" : Number(((after.cpuMs - before.cpuMs) / n).toFixed(2)),
    "server main-thread CPU %": Number(
      (((after.mainThreadCpuMs - before.mainThreadCpuMs) / (seconds * 1000)) * 100).toFixed(0),
    ),
    "machine CPU %": Number(
      (((after.machineBusyMs - before.machineBusyMs) / (seconds * 1000)) * 100).toFixed(0),
    ),
    ...extra,
  };
}

/** verifyTotp in this process: three HMAC-SHA1 and three constant-time compares per call. */
function verifyCostMicros(): number {
  const secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
  const code = totpCode(secret, Date.now());
  for (let i = 0; i < 2000; i++) verifyTotp(secret, code, Date.now());
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < 1000) {
    for (let i = 0; i < 500; i++) verifyTotp(secret, code, Date.now());
    n += 500;
  }
  return ((performance.now() - start) * 1000) / n;
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
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  const dataDir = mkdtempSync(join(tmpdir(), "cognate-bench-totp-"));
  const server = await startServer({
    dataDir,
    databaseUrl,
    accessKeys: `${KEY.accessKeyId}:${KEY.secretAccessKey}`,
  });
  try {
    const rb = new RequestBuilder(server.url, KEY);
    const { UserPool } = await call<{ UserPool: { Id: string } }>(
      rb.url,
      await rb.signed("CreateUserPool", { PoolName: "bench-totp" }),
    );
    const poolId = UserPool.Id;
    await call(
      rb.url,
      await rb.signed("SetUserPoolMfaConfig", {
        UserPoolId: poolId,
        MfaConfiguration: "OPTIONAL",
        SoftwareTokenMfaConfiguration: { Enabled: true },
      }),
    );
    const { UserPoolClient } = await call<{ UserPoolClient: { ClientId: string } }>(
      rb.url,
      await rb.signed("CreateUserPoolClient", {
        UserPoolId: poolId,
        ClientName: "bench-totp",
        ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      }),
    );
    const clientId = UserPoolClient.ClientId;
    const initiate = (username: string) =>
      call<Tokens>(
        rb.url,
        rb.plain("InitiateAuth", {
          ClientId: clientId,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: username, PASSWORD },
        }),
      );
    const createUser = async (username: string) => {
      await call(
        rb.url,
        await rb.signed("AdminCreateUser", {
          UserPoolId: poolId,
          Username: username,
          MessageAction: "SUPPRESS",
        }),
      );
      await call(
        rb.url,
        await rb.signed("AdminSetUserPassword", {
          UserPoolId: poolId,
          Username: username,
          Password: PASSWORD,
          Permanent: true,
        }),
      );
    };

    // Per TOTP user: the shared secret, the last step the server accepted, and whether a lane has it.
    const secrets: string[] = new Array(users);
    const lastStep = new Float64Array(users);
    const busy = new Uint8Array(users);
    const t0 = performance.now();
    await inParallel(users, 4, async (i) => {
      const username = `totp${i}`;
      await createUser(username);
      const { AuthenticationResult } = await initiate(username);
      const AccessToken = AuthenticationResult?.AccessToken;
      if (!AccessToken) throw new Error(`${username}: set-up sign-in returned no tokens`);
      const { SecretCode } = await call<{ SecretCode: string }>(
        rb.url,
        rb.plain("AssociateSoftwareToken", { AccessToken }),
      );
      const now = Date.now();
      await call(
        rb.url,
        rb.plain("VerifySoftwareToken", {
          AccessToken,
          UserCode: totpCode(SecretCode, now),
          FriendlyDeviceName: "bench",
        }),
      );
      secrets[i] = SecretCode;
      lastStep[i] = stepOf(now); // VerifySoftwareToken claims its step too
      await call(
        rb.url,
        rb.plain("SetUserMFAPreference", {
          AccessToken,
          SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
        }),
      );
    });
    await inParallel(plainUsers, 4, (i) => createUser(`plain${i}`));
    console.log(
      `${flags.backend}: ${users} TOTP users and ${plainUsers} users without MFA set up through the API in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    let cursor = 0;
    /** The next user free in the current step, round-robin; undefined if all are used up. */
    const pickUser = (): number | undefined => {
      const now = stepOf(Date.now());
      for (let tried = 0; tried < users; tried++) {
        const u = cursor;
        cursor = (cursor + 1) % users;
        if (!busy[u] && lastStep[u]! < now) {
          busy[u] = 1;
          return u;
        }
      }
      return undefined;
    };
    /** Answers the SOFTWARE_TOKEN_MFA challenge with the code of this moment's step. */
    const answer = async (u: number, session: string | undefined) => {
      const now = Date.now();
      lastStep[u] = stepOf(now);
      const done = await call<Tokens>(
        rb.url,
        rb.plain("RespondToAuthChallenge", {
          ClientId: clientId,
          ChallengeName: "SOFTWARE_TOKEN_MFA",
          Session: session,
          ChallengeResponses: { USERNAME: `totp${u}`, SOFTWARE_TOKEN_MFA_CODE: totpCode(secrets[u]!, now) },
        }),
      );
      busy[u] = 0;
      if (!done.AuthenticationResult?.AccessToken) throw new Error(`totp${u}: MFA answer returned no tokens`);
    };
    const challenged = async (u: number) => {
      const init = await initiate(`totp${u}`);
      if (init.ChallengeName !== "SOFTWARE_TOKEN_MFA")
        throw new Error(`totp${u}: expected SOFTWARE_TOKEN_MFA, got ${init.ChallengeName ?? "tokens"}`);
      return init.Session;
    };

    const rows = [];

    // 1. USER_PASSWORD_AUTH without MFA: one request, one argon2id verify, tokens.
    {
      let n = 0;
      const signIn = async () => {
        const r = await initiate(`plain${n++ % plainUsers}`);
        if (!r.AuthenticationResult?.AccessToken) throw new Error("password sign-in returned no tokens");
      };
      for (let i = 0; i < concurrency; i++) await signIn(); // warm-up
      const latencies: number[] = [];
      const before = sampleProc(server.pid);
      const start = performance.now();
      const deadline = start + duration * 1000;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (performance.now() < deadline) {
            const s = performance.now();
            await signIn();
            latencies.push(performance.now() - s);
          }
        }),
      );
      const seconds = (performance.now() - start) / 1000;
      rows.push(summarize("USER_PASSWORD_AUTH, no MFA", latencies, seconds, before, sampleProc(server.pid)));
    }

    // 2. Full TOTP sign-ins: InitiateAuth → SOFTWARE_TOKEN_MFA → RespondToAuthChallenge.
    {
      const totpSignIn = async (): Promise<[number, number] | undefined> => {
        const u = pickUser();
        if (u === undefined) return undefined;
        const s0 = performance.now();
        const session = await challenged(u);
        const s1 = performance.now();
        await answer(u, session);
        return [s1 - s0, performance.now() - s1];
      };
      for (let i = 0; i < Math.min(concurrency, users); i++) await totpSignIn(); // warm-up
      // Start at a step boundary, when every user is free again: a window of up to 30 s then
      // needs as many users as sign-ins, and none is starved by set-up or warm-up.
      await sleep(msToNextStep());
      const latencies: number[] = [];
      const firstStep: number[] = [];
      const secondStep: number[] = [];
      let waits = 0;
      let waitedMs = 0;
      const before = sampleProc(server.pid);
      const start = performance.now();
      const deadline = start + duration * 1000;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (performance.now() < deadline) {
            const r = await totpSignIn();
            if (!r) {
              // Every user signed in during this step: wait for the next one (or the end).
              const ms = Math.min(msToNextStep(), deadline - performance.now());
              waits++;
              waitedMs += ms;
              await sleep(Math.max(0, ms));
              continue;
            }
            firstStep.push(r[0]);
            secondStep.push(r[1]);
            latencies.push(r[0] + r[1]);
          }
        }),
      );
      const seconds = (performance.now() - start) / 1000;
      const after = sampleProc(server.pid);
      const median = (xs: number[]) => xs.sort((p, q) => p - q)[Math.floor(xs.length / 2)]?.toFixed(1) ?? "-";
      rows.push(
        summarize("USER_PASSWORD_AUTH + SOFTWARE_TOKEN_MFA", latencies, seconds, before, after, {
          "p50 InitiateAuth ms": median(firstStep),
          "p50 Respond ms": median(secondStep),
          "lanes starved (s)": Number((waitedMs / 1000).toFixed(1)),
          "starved waits": waits,
        }),
      );
    }

    // 3. RespondToAuthChallenge SOFTWARE_TOKEN_MFA alone: a session per user opened first (each
    // user has one MFA session at a time), then, once every user's last step is past, all answered.
    {
      const sessions: { u: number; session: string | undefined }[] = [];
      const ready = performance.now();
      await inParallel(users, concurrency, async (u) => {
        sessions.push({ u, session: await challenged(u) });
      });
      const maxStep = Math.max(...lastStep);
      const waited = stepOf(Date.now()) <= maxStep ? (maxStep + 1) * STEP_MS - Date.now() + 5 : 0;
      console.log(
        `${users} MFA sessions opened in ${((performance.now() - ready) / 1000).toFixed(1)} s; waiting ${(waited / 1000).toFixed(1)} s for a fresh step`,
      );
      if (waited > 0) await sleep(waited);
      const latencies: number[] = [];
      const before = sampleProc(server.pid);
      const start = performance.now();
      await inParallel(sessions.length, concurrency, async (i) => {
        const { u, session } = sessions[i]!;
        busy[u] = 1;
        const s = performance.now();
        await answer(u, session);
        latencies.push(performance.now() - s);
      });
      const seconds = (performance.now() - start) / 1000;
      rows.push(
        summarize(
          "RespondToAuthChallenge SOFTWARE_TOKEN_MFA alone",
          latencies,
          seconds,
          before,
          sampleProc(server.pid),
        ),
      );
    }

    console.log(`${flags.backend}, concurrency ${concurrency}, ${duration} s for the first two rows:`);
    console.table(rows);
    console.log(`verifyTotp in-process (±1 step, 3 HMAC-SHA1): ${verifyCostMicros().toFixed(1)} µs per code`);
    console.log(
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    stopPg();
  }
}

await main();

import type { RequestBuilder, WireRequest } from "./wire.ts";

/** The password every seeded user has (and SignUp / AdminCreateUser use); meets Cognito's default policy. */
export const BENCH_PASSWORD = "Bench-Pass-1!";

/** What a scenario sends; built into requests inside the load generator, before the clock starts. */
export type Recipe =
  | { kind: "floor" }
  | { kind: "password-sign-in"; clientId: string; users: number }
  | { kind: "refresh"; clientId: string; refreshTokens: string[] }
  | { kind: "get-user"; accessTokens: string[] }
  | { kind: "list-users-email"; poolId: string; users: number }
  | { kind: "admin-create-user"; poolId: string; prefix: string; cap: number }
  | { kind: "sign-up"; clientId: string; prefix: string; cap: number };

export interface Scenario {
  name: string;
  /** Wire operation, for the table. */
  op: string;
  /** One request in flight for latency targets (p50 is then service time, not queueing). */
  latencyScenario?: boolean;
  /** Throughput bound by one argon2id hash per request. */
  hashBound?: boolean;
  /** The error type this scenario expects (counted as success). */
  expectedError?: string;
}

export const SCENARIOS: Record<string, Scenario> = {
  // The floor: HTTP, routing, validation and one JSON error, no storage and no crypto.
  floor: { name: "floor", op: "GetUser, malformed token (floor)", expectedError: "NotAuthorizedException" },
  "password-sign-in": { name: "password-sign-in", op: "InitiateAuth USER_PASSWORD_AUTH", hashBound: true },
  refresh: { name: "refresh", op: "InitiateAuth REFRESH_TOKEN_AUTH" },
  "get-user": { name: "get-user", op: "GetUser" },
  "list-users-email": { name: "list-users-email", op: "ListUsers email = …", latencyScenario: true },
  "admin-create-user": { name: "admin-create-user", op: "AdminCreateUser", hashBound: true },
  "sign-up": { name: "sign-up", op: "SignUp", hashBound: true },
};

/** Deterministic pseudo-random user picks (xorshift32), so runs send the same sequence. */
function picker(seed: number) {
  let x = seed >>> 0 || 1;
  return (n: number) => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % n;
  };
}

/** A request source: request `i` (0-based) of at most `limit`. */
export interface RequestSource {
  limit: number;
  get(i: number): WireRequest;
}

const cycle = (reqs: WireRequest[]): RequestSource => ({
  limit: Number.POSITIVE_INFINITY,
  get: (i) => reqs[i % reqs.length]!,
});

/**
 * Builds a scenario's requests. Signed requests are signed here, before timing
 * starts, so the generator's hot loop only writes bytes.
 */
export async function buildSource(recipe: Recipe, rb: RequestBuilder): Promise<RequestSource> {
  switch (recipe.kind) {
    case "floor":
      return cycle([rb.plain("GetUser", { AccessToken: "not-a-token" })]);
    case "password-sign-in": {
      const pick = picker(0x5eed);
      const reqs = Array.from({ length: 4096 }, () =>
        rb.plain("InitiateAuth", {
          AuthFlow: "USER_PASSWORD_AUTH",
          ClientId: recipe.clientId,
          AuthParameters: { USERNAME: `user${pick(recipe.users)}`, PASSWORD: BENCH_PASSWORD },
        }),
      );
      return cycle(reqs);
    }
    case "refresh":
      return cycle(
        recipe.refreshTokens.map((t) =>
          rb.plain("InitiateAuth", {
            AuthFlow: "REFRESH_TOKEN_AUTH",
            ClientId: recipe.clientId,
            AuthParameters: { REFRESH_TOKEN: t },
          }),
        ),
      );
    case "get-user":
      return cycle(recipe.accessTokens.map((t) => rb.plain("GetUser", { AccessToken: t })));
    case "list-users-email": {
      const pick = picker(0x1157);
      const reqs: WireRequest[] = [];
      for (let i = 0; i < 1000; i++) {
        reqs.push(
          await rb.signed("ListUsers", {
            UserPoolId: recipe.poolId,
            Filter: `email = "user${pick(recipe.users)}@example.com"`,
          }),
        );
      }
      return cycle(reqs);
    }
    case "admin-create-user": {
      const reqs: WireRequest[] = [];
      for (let i = 0; i < recipe.cap; i++) {
        const username = `${recipe.prefix}-${i}`;
        reqs.push(
          await rb.signed("AdminCreateUser", {
            UserPoolId: recipe.poolId,
            Username: username,
            TemporaryPassword: BENCH_PASSWORD,
            MessageAction: "SUPPRESS",
            UserAttributes: [{ Name: "email", Value: `${username}@example.com` }],
          }),
        );
      }
      return { limit: reqs.length, get: (i) => reqs[i]! };
    }
    case "sign-up":
      return {
        limit: recipe.cap,
        get: (i) =>
          rb.plain("SignUp", {
            ClientId: recipe.clientId,
            Username: `${recipe.prefix}-${i}`,
            Password: BENCH_PASSWORD,
            UserAttributes: [{ Name: "email", Value: `${recipe.prefix}-${i}@example.com` }],
          }),
      };
  }
}

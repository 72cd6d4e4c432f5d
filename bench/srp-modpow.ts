// Micro-benchmark: 3072-bit modular exponentiation, plain BigInt vs OpenSSL through node:crypto.
// `npx tsx bench/srp-modpow.ts [--seconds 2]`. Prints operations per second for the three
// exponentiations one SRP sign-in costs the server (g^b, v^u, (A·v^u)^b) and one password set (g^x).
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { g, N } from "../src/user-pools/auth/srp/group.ts";
import { modPowBigInt, modPowN } from "../src/user-pools/auth/srp/modpow.ts";

const { values } = parseArgs({ options: { seconds: { type: "string", default: "2" } } });
const seconds = Number(values.seconds);

const rand = (bytes: number) => BigInt(`0x${randomBytes(bytes).toString("hex")}`);

interface Case {
  name: string;
  base: () => bigint;
  /** Exponent size in bytes: 32 for b, u and x (SHA-256 sized). */
  expBytes: number;
}

const CASES: Case[] = [
  { name: "g^e (B = kv + g^b, v = g^x)", base: () => g, expBytes: 32 },
  { name: "y^e, y random (v^u, (A·v^u)^b)", base: () => rand(384) % N, expBytes: 32 },
];

function measure(
  fn: (base: bigint, exp: bigint) => bigint,
  c: Case,
): { opsPerSecond: number; msPerOp: number } {
  const inputs = Array.from({ length: 64 }, () => [c.base(), rand(c.expBytes)] as const);
  for (const [b, e] of inputs.slice(0, 4)) fn(b, e);
  let n = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  while (performance.now() < deadline) {
    const [b, e] = inputs[n % inputs.length]!;
    fn(b, e);
    n++;
  }
  const elapsed = performance.now() - start;
  return { opsPerSecond: (n * 1000) / elapsed, msPerOp: elapsed / n };
}

// Both implementations must agree before either is timed.
for (let i = 0; i < 20; i++) {
  const b = rand(384) % N;
  const e = rand(32);
  if (modPowBigInt(b, e, N) !== modPowN(b, e) || modPowBigInt(g, e, N) !== modPowN(g, e)) {
    throw new Error("modPowN disagrees with modPowBigInt");
  }
}

const rows = [];
for (const c of CASES) {
  const big = measure((b, e) => modPowBigInt(b, e, N), c);
  const ssl = measure((b, e) => modPowN(b, e), c);
  rows.push({
    case: c.name,
    "BigInt ops/s": Math.round(big.opsPerSecond),
    "BigInt ms/op": big.msPerOp.toFixed(3),
    "OpenSSL ops/s": Math.round(ssl.opsPerSecond),
    "OpenSSL ms/op": ssl.msPerOp.toFixed(3),
    speed_up: `${(ssl.opsPerSecond / big.opsPerSecond).toFixed(1)}x`,
  });
}
console.table(rows);

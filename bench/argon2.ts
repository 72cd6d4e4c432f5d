import { generateKeyPairSync, sign } from "node:crypto";
import { performance } from "node:perf_hooks";
import { hash } from "@node-rs/argon2";
import { ARGON2 } from "./seed.ts";

export interface Argon2Measure {
  hashesPerSecond: number;
  /** Wall time per hash per lane. */
  msPerHash: number;
  /** CPU (all threads of this process) per hash: steady even when other work takes the cores. */
  cpuMsPerHash: number;
}

/**
 * Raw argon2id throughput on this machine: hashes per second with `concurrency`
 * hashes in flight, using the server's parameters. The yardstick for the
 * password scenarios (each costs one hash or one verify).
 */
export async function argon2Throughput(seconds: number, concurrency = 2): Promise<Argon2Measure> {
  await hash("warm-up", ARGON2);
  let n = 0;
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  const deadline = start + seconds * 1000;
  const lane = async () => {
    while (performance.now() < deadline) {
      await hash(`Bench-Pass-${n}!`, ARGON2);
      n++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  const cpu = process.cpuUsage(cpu0);
  const elapsed = (performance.now() - start) / 1000;
  return {
    hashesPerSecond: n / elapsed,
    msPerHash: (elapsed * 1000 * concurrency) / n,
    cpuMsPerHash: (cpu.user + cpu.system) / 1000 / n,
  };
}

/**
 * The machine's speed right now, in the unit the token scenarios pay: one RS256 (RSA-2048,
 * SHA-256) signature, synchronous, in µs. The figures assume about 250 µs; on a shared
 * host it drifts (400 µs was seen here), and the req/s targets move with it.
 */
export function rs256SignMicros(seconds = 1): number {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const data = Buffer.alloc(600, 7);
  sign("sha256", data, privateKey);
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    sign("sha256", data, privateKey);
    n++;
  }
  return ((performance.now() - start) * 1000) / n;
}

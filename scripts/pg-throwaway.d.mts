/** Types for pg-throwaway.mjs (used from bench/run.ts). */
export declare function freePort(): Promise<number>;
export declare function findPgBin(): string | undefined;
export declare function startThrowawayPostgres(opts?: {
  settings?: string[];
}): Promise<{ url: string; port: number; stop(): void } | undefined>;

import type { Operation } from "../../user-pools/operation.ts";

/** Identity pool operations by wire name. Modeled but absent ones answer 501 (see docs/compatibility.md). */
export const identityPoolOperations: Readonly<Record<string, Operation>> = {};

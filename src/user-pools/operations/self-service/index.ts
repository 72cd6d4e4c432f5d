import type { Operation } from "../../operation.ts";

export const selfServiceOperations: Operation[] = [];

import type { Operation } from "../../operation.ts";

export const groupOperations: Operation[] = [];

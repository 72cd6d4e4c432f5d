import type { Operation } from "../../operation.ts";

export const authOperations: Operation[] = [];

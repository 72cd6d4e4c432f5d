import type { Operation } from "../../operation.ts";
import CreateUserPool from "./CreateUserPool.ts";
import CreateUserPoolClient from "./CreateUserPoolClient.ts";

export const poolOperations: Operation[] = [CreateUserPool, CreateUserPoolClient];

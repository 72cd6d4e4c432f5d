import type { Operation } from "../../operation.ts";
import AdminCreateUser from "./AdminCreateUser.ts";

export const userOperations: Operation[] = [AdminCreateUser];

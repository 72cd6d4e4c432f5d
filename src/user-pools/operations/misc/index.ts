import type { Operation } from "../../operation.ts";
import AddCustomAttributes from "./AddCustomAttributes.ts";

/** Operations that belong to no larger group: schema additions, tags, CSV header, UI customization. */
export const miscOperations: Operation[] = [AddCustomAttributes];

import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import type { UserFilter } from "../../../storage/store.ts";

/**
 * The attributes ListUsers can search on (API reference, ListUsers "Filter"):
 * custom attributes and the rest of the standard ones are not searchable.
 */
export const SEARCHABLE_ATTRIBUTES: readonly string[] = [
  "username",
  "email",
  "phone_number",
  "name",
  "given_name",
  "family_name",
  "preferred_username",
  "cognito:user_status",
  "status",
  "sub",
];

// `name = "value"` or `name ^= "value"`, spaces optional, `\"` and `\\` escaped inside the quotes.
const FILTER = /^\s*([\w:]+)\s*(\^?=)\s*"((?:[^"\\]|\\.)*)"\s*$/s;

/**
 * Parses a ListUsers Filter. An empty or blank filter means "all users" (undefined).
 *
 * @example
 * parseUserFilter('email ^= "ali"') // { name: "email", op: "^=", value: "ali" }
 */
export function parseUserFilter(filter: string | undefined): UserFilter | undefined {
  if (filter === undefined || filter.trim() === "") return undefined;
  const m = FILTER.exec(filter);
  // Cognito's wording for a filter it cannot parse (seen in aws/aws-sdk-php#1088).
  if (!m) throw new ServiceError("InvalidParameterException", "Error while parsing filter.");
  const [, name = "", op, raw = ""] = m;
  if (!SEARCHABLE_ATTRIBUTES.includes(name))
    throw new ServiceError("InvalidParameterException", `Invalid search attribute: ${name}`);
  return { name, op: op === "^=" ? "^=" : "=", value: raw.replace(/\\(.)/gs, "$1") };
}

import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import type { PoolRecord } from "../../../storage/records.ts";
import { defaultSchema, STANDARD_ATTRIBUTES } from "../../domain/attributes.ts";
import { poolConfig } from "../../domain/pools.ts";

const schemaError = (name: string, why: string) =>
  new ServiceError("InvalidParameterException", `Attributes did not conform to the schema: ${name}: ${why}`);

/**
 * Checks that an administrator may delete these attributes (AdminDeleteUserAttributes, or a blank
 * value in AdminUpdateUserAttributes) and returns every name to remove: an email or phone number
 * takes its `_verified` flag with it.
 */
export function adminDeletableAttributes(pool: PoolRecord, names: readonly string[]): string[] {
  const schema = new Map((poolConfig(pool).SchemaAttributes ?? defaultSchema()).map((s) => [s.Name!, s]));
  const out = new Set<string>();
  for (const name of names) {
    const def =
      schema.get(name) ?? (STANDARD_ATTRIBUTES.includes(name as never) ? { Name: name } : undefined);
    if (!def) throw schemaError(name, "Attribute does not exist in the schema.");
    if (name === "sub" || def.Mutable === false) {
      throw schemaError(name, "Attribute cannot be updated. (changing an immutable attribute)");
    }
    // Cognito's wording, as apps match it: "Invalid user attributes: phone_number: Required attribute cannot be deleted."
    if (def.Required) {
      throw new ServiceError(
        "InvalidParameterException",
        `Invalid user attributes: ${name}: Required attribute cannot be deleted.`,
      );
    }
    out.add(name);
    if (name === "email" || name === "phone_number") out.add(`${name}_verified`);
  }
  return [...out];
}

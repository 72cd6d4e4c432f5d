import type { SchemaAttributeType } from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../protocol/aws-json/errors.ts";
import type { ClientRecord, PoolRecord } from "../../storage/records.ts";
import { clientConfig, poolConfig } from "./pools.ts";

/** The standard attributes every pool has (OIDC standard claims as Cognito lists them). */
export const STANDARD_ATTRIBUTES = [
  "address",
  "birthdate",
  "email",
  "email_verified",
  "family_name",
  "gender",
  "given_name",
  "locale",
  "middle_name",
  "name",
  "nickname",
  "phone_number",
  "phone_number_verified",
  "picture",
  "preferred_username",
  "profile",
  "sub",
  "updated_at",
  "website",
  "zoneinfo",
] as const;

/** The SchemaAttributes a new pool starts with, as DescribeUserPool returns them. */
export function defaultSchema(): SchemaAttributeType[] {
  return STANDARD_ATTRIBUTES.map((Name) => {
    const bool = Name.endsWith("_verified");
    const num = Name === "updated_at";
    const s: SchemaAttributeType = {
      Name,
      AttributeDataType: bool ? "Boolean" : num ? "Number" : "String",
      DeveloperOnlyAttribute: false,
      Mutable: Name !== "sub",
      Required: Name === "sub",
    };
    if (num) s.NumberAttributeConstraints = { MinValue: "0" };
    else if (!bool)
      s.StringAttributeConstraints = {
        MinLength: Name === "sub" ? "1" : "0",
        MaxLength: Name === "sub" ? "2048" : "2048",
      };
    return s;
  });
}

const schemaError = (name: string, why: string) =>
  new ServiceError("InvalidParameterException", `Attributes did not conform to the schema: ${name}: ${why}`);

export type AttributeWriteMode = "create" | "update";

/**
 * Checks attributes a caller wants to write against the pool's schema (and the
 * client's WriteAttributes for self-service calls). Messages follow Cognito's
 * "Attributes did not conform to the schema: <name>: <reason>" form.
 */
export function checkAttributes(
  pool: PoolRecord,
  attrs: Record<string, string>,
  opts: { mode: AttributeWriteMode; client?: ClientRecord; admin?: boolean },
): void {
  const schema = new Map((poolConfig(pool).SchemaAttributes ?? defaultSchema()).map((s) => [s.Name!, s]));
  const writable = opts.client ? clientConfig(opts.client).WriteAttributes : undefined;
  for (const [name, value] of Object.entries(attrs)) {
    const def =
      schema.get(name) ??
      (STANDARD_ATTRIBUTES.includes(name as never) ? { Name: name, Mutable: true } : undefined);
    if (!def) throw schemaError(name, "Attribute does not exist in the schema.");
    if (name === "sub")
      throw schemaError(name, "Attribute cannot be updated. (changing an immutable attribute)");
    if (writable && !writable.includes(name) && !name.endsWith("_verified")) {
      throw new ServiceError("NotAuthorizedException", "A client attempted to write unauthorized attribute");
    }
    if (!opts.admin && name.endsWith("_verified") && opts.client) {
      throw new ServiceError("NotAuthorizedException", "A client attempted to write unauthorized attribute");
    }
    if (opts.mode === "update" && def.Mutable === false)
      throw schemaError(name, "Attribute cannot be updated. (changing an immutable attribute)");
    if (def.DeveloperOnlyAttribute && !opts.admin)
      throw new ServiceError("NotAuthorizedException", "A client attempted to write unauthorized attribute");
    const sc = def.StringAttributeConstraints;
    if (def.AttributeDataType === "String" && sc) {
      const len = [...value].length;
      if (sc.MaxLength !== undefined && len > Number(sc.MaxLength))
        throw schemaError(name, `String must be no longer than ${sc.MaxLength} characters`);
      if (sc.MinLength !== undefined && len < Number(sc.MinLength))
        throw schemaError(name, `String must be no shorter than ${sc.MinLength} characters`);
    }
    if (def.AttributeDataType === "Number") {
      const n = Number(value);
      if (value.trim() === "" || !Number.isFinite(n))
        throw schemaError(name, "Number must be a valid number");
      const nc = def.NumberAttributeConstraints;
      if (nc?.MinValue !== undefined && n < Number(nc.MinValue))
        throw schemaError(name, `Number must be no less than ${nc.MinValue}`);
      if (nc?.MaxValue !== undefined && n > Number(nc.MaxValue))
        throw schemaError(name, `Number must be no greater than ${nc.MaxValue}`);
    }
    if (def.AttributeDataType === "Boolean" && value !== "true" && value !== "false")
      throw schemaError(name, "Boolean must be true or false");
    if (name === "email" && value !== "" && !/^[^\s@]+@[^\s@]+$/.test(value))
      throw new ServiceError("InvalidParameterException", "Invalid email address format.");
    if (name === "phone_number" && value !== "" && !/^\+[0-9]{4,15}$/.test(value))
      throw new ServiceError("InvalidParameterException", "Invalid phone number format.");
  }
  if (opts.mode === "create") {
    for (const s of schema.values()) {
      if (s.Required && s.Name !== "sub" && !(s.Name! in attrs))
        throw schemaError(s.Name!, "The attribute is required");
    }
  }
}

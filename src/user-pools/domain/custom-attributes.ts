import type { SchemaAttributeType } from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../protocol/aws-json/errors.ts";

/** A pool holds at most 50 custom attributes (Cognito quotas: "Custom attributes: 50"). */
export const MAX_CUSTOM_ATTRIBUTES = 50;

/**
 * Appends custom attributes to `schema` (which it returns), as CreateUserPool's Schema and
 * AddCustomAttributes define them: the name gets a `custom:` prefix, names are unique, and a
 * custom attribute cannot be required.
 */
export function addCustomAttributes(
  schema: SchemaAttributeType[],
  attributes: SchemaAttributeType[],
): SchemaAttributeType[] {
  for (const s of attributes) {
    if (!s.Name) continue;
    const name = s.Name.startsWith("custom:") ? s.Name : `custom:${s.Name}`;
    if (schema.some((o) => o.Name === name))
      throw new ServiceError("InvalidParameterException", `Existing attribute already has name ${name}.`);
    if (s.Required)
      throw new ServiceError(
        "InvalidParameterException",
        "Required custom attributes are not supported currently.",
      );
    const type = s.AttributeDataType ?? "String";
    schema.push({
      Name: name,
      AttributeDataType: type,
      DeveloperOnlyAttribute: s.DeveloperOnlyAttribute ?? false,
      Mutable: s.Mutable ?? true,
      Required: false,
      ...(type === "String" ? { StringAttributeConstraints: s.StringAttributeConstraints ?? {} } : {}),
      ...(type === "Number" ? { NumberAttributeConstraints: s.NumberAttributeConstraints ?? {} } : {}),
    });
  }
  if (schema.filter((o) => o.Name?.startsWith("custom:")).length > MAX_CUSTOM_ATTRIBUTES) {
    throw new ServiceError(
      "InvalidParameterException",
      `A user pool can have at most ${MAX_CUSTOM_ATTRIBUTES} custom attributes.`,
    );
  }
  return schema;
}

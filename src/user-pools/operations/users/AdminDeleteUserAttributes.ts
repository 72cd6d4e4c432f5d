import type {
  AdminDeleteUserAttributesRequest,
  AdminDeleteUserAttributesResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { defaultSchema, STANDARD_ATTRIBUTES } from "../../domain/attributes.ts";
import { poolConfig, requirePool } from "../../domain/pools.ts";
import { requireUser } from "../../domain/users.ts";
import { defineOperation } from "../../operation.ts";

const schemaError = (name: string, why: string) =>
  new ServiceError("InvalidParameterException", `Attributes did not conform to the schema: ${name}: ${why}`);

export default defineOperation<AdminDeleteUserAttributesRequest, AdminDeleteUserAttributesResponse>(
  "AdminDeleteUserAttributes",
  {
    auth: "iam",
    async handle(input, ctx) {
      const pool = await requirePool(ctx, input.UserPoolId!);
      const user = await requireUser(ctx, pool, input.Username!);
      const schema = new Map((poolConfig(pool).SchemaAttributes ?? defaultSchema()).map((s) => [s.Name!, s]));
      const names = new Set<string>();
      for (const name of input.UserAttributeNames ?? []) {
        const def =
          schema.get(name) ?? (STANDARD_ATTRIBUTES.includes(name as never) ? { Name: name } : undefined);
        if (!def) throw schemaError(name, "Attribute does not exist in the schema.");
        if (name === "sub" || def.Mutable === false)
          throw schemaError(name, "Attribute cannot be updated. (changing an immutable attribute)");
        if (def.Required) throw schemaError(name, "The attribute is required");
        names.add(name);
        // A verification flag means nothing without the address it vouches for.
        if (name === "email" || name === "phone_number") names.add(`${name}_verified`);
      }
      await ctx.store.users.deleteAttributes(user.id, [...names], ctx.clock.nowMs());
      return {};
    },
  },
);

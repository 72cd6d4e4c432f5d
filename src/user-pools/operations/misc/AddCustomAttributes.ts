import type {
  AddCustomAttributesRequest,
  AddCustomAttributesResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { defaultSchema } from "../../domain/attributes.ts";
import { addCustomAttributes } from "../../domain/custom-attributes.ts";
import { poolConfig, requirePool } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";

/** Adds `custom:` attributes to the pool's schema; they cannot be removed afterwards. */
export default defineOperation<AddCustomAttributesRequest, AddCustomAttributesResponse>(
  "AddCustomAttributes",
  {
    auth: "iam",
    async handle(input, ctx) {
      const pool = await requirePool(ctx, input.UserPoolId!);
      const config = poolConfig(pool);
      const schema = structuredClone(config.SchemaAttributes ?? defaultSchema());
      const SchemaAttributes = addCustomAttributes(schema, input.CustomAttributes!);
      await ctx.store.pools.update(
        pool.id,
        pool.name,
        { ...config, SchemaAttributes } as Record<string, unknown>,
        ctx.clock.nowMs(),
      );
      return {};
    },
  },
);

import type { IdentityPool } from "@aws-sdk/client-cognito-identity";
import { ServiceError } from "../../protocol/aws-json/errors.ts";
import { buildPoolConfig, poolConfig, requireIdentityPool, toIdentityPoolType } from "../domain/pools.ts";
import { defineIdentityOperation } from "../operation.ts";

export default defineIdentityOperation<IdentityPool, IdentityPool>("UpdateIdentityPool", {
  auth: "iam",
  async handle(input, ctx) {
    return ctx.store.transaction(async (tx) => {
      const pool = await requireIdentityPool({ store: tx }, input.IdentityPoolId!);
      const developer = poolConfig(pool).DeveloperProviderName;
      // "Once you have set a developer provider name, you cannot change it" (CreateIdentityPool, API reference).
      if (
        developer &&
        input.DeveloperProviderName !== undefined &&
        input.DeveloperProviderName !== developer
      ) {
        throw new ServiceError(
          "InvalidParameterException",
          "DeveloperProviderName cannot be changed once it is set.",
        );
      }
      const config = buildPoolConfig({
        ...input,
        DeveloperProviderName: input.DeveloperProviderName ?? developer,
      });
      const updated = {
        ...pool,
        name: input.IdentityPoolName!,
        config: config as Record<string, unknown>,
        tags: input.IdentityPoolTags ?? pool.tags,
        updatedAt: ctx.clock.nowMs(),
      };
      await tx.identityPools.updatePool(updated);
      return toIdentityPoolType(updated);
    });
  },
});

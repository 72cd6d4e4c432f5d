import type { CreateIdentityPoolInput, IdentityPool } from "@aws-sdk/client-cognito-identity";
import { buildPoolConfig, toIdentityPoolType } from "../domain/pools.ts";
import { defineIdentityOperation } from "../operation.ts";

export default defineIdentityOperation<CreateIdentityPoolInput, IdentityPool>("CreateIdentityPool", {
  auth: "iam",
  async handle(input, ctx) {
    const now = ctx.clock.nowMs();
    const pool = {
      // Identity pool ids are <region>:<uuid>, as Cognito issues them.
      id: `${ctx.config.region}:${ctx.random.uuid()}`,
      name: input.IdentityPoolName!,
      config: buildPoolConfig(input) as Record<string, unknown>,
      roles: {},
      principalTags: {},
      tags: input.IdentityPoolTags ?? {},
      createdAt: now,
      updatedAt: now,
    };
    await ctx.store.identityPools.createPool(pool);
    return toIdentityPoolType(pool);
  },
});

import type { TagResourceRequest, TagResourceResponse } from "@aws-sdk/client-cognito-identity-provider";
import { poolConfig } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";
import { requirePoolByArn } from "./pool-by-arn.ts";

/** Adds or overwrites tags on a user pool; they are the pool's UserPoolTags. */
export default defineOperation<TagResourceRequest, TagResourceResponse>("TagResource", {
  auth: "iam",
  async handle(input, ctx) {
    const pool = await requirePoolByArn(ctx, input.ResourceArn!);
    const config = poolConfig(pool);
    const UserPoolTags = { ...config.UserPoolTags, ...input.Tags };
    await ctx.store.pools.update(
      pool.id,
      pool.name,
      { ...config, UserPoolTags } as Record<string, unknown>,
      ctx.clock.nowMs(),
    );
    return {};
  },
});

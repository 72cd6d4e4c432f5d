import type { UntagResourceRequest, UntagResourceResponse } from "@aws-sdk/client-cognito-identity-provider";
import { poolConfig } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";
import { requirePoolByArn } from "./pool-by-arn.ts";

/** Removes the named tags from a user pool; keys it does not have are ignored. */
export default defineOperation<UntagResourceRequest, UntagResourceResponse>("UntagResource", {
  auth: "iam",
  async handle(input, ctx) {
    const pool = await requirePoolByArn(ctx, input.ResourceArn!);
    const config = poolConfig(pool);
    const UserPoolTags = Object.fromEntries(
      Object.entries(config.UserPoolTags ?? {}).filter(([k]) => !input.TagKeys!.includes(k)),
    );
    await ctx.store.pools.update(
      pool.id,
      pool.name,
      { ...config, UserPoolTags } as Record<string, unknown>,
      ctx.clock.nowMs(),
    );
    return {};
  },
});

import type { UntagResourceInput, UntagResourceResponse } from "@aws-sdk/client-cognito-identity";
import { requirePoolByArn } from "../domain/pools.ts";
import { defineIdentityOperation } from "../operation.ts";

export default defineIdentityOperation<UntagResourceInput, UntagResourceResponse>("UntagResource", {
  auth: "iam",
  async handle(input, ctx) {
    return ctx.store.transaction(async (tx) => {
      const pool = await requirePoolByArn({ store: tx }, input.ResourceArn!);
      const tags = Object.fromEntries(Object.entries(pool.tags).filter(([k]) => !input.TagKeys!.includes(k)));
      await tx.identityPools.updatePool({ ...pool, tags, updatedAt: ctx.clock.nowMs() });
      return {};
    });
  },
});

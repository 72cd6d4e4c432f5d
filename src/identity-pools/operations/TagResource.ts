import type { TagResourceInput, TagResourceResponse } from "@aws-sdk/client-cognito-identity";
import { ServiceError } from "../../protocol/aws-json/errors.ts";
import { requirePoolByArn } from "../domain/pools.ts";
import { defineIdentityOperation } from "../operation.ts";

/** "An identity pool can have as many as 50 tags." (TagResource, API reference) */
const MAX_TAGS = 50;

export default defineIdentityOperation<TagResourceInput, TagResourceResponse>("TagResource", {
  auth: "iam",
  async handle(input, ctx) {
    return ctx.store.transaction(async (tx) => {
      const pool = await requirePoolByArn({ store: tx }, input.ResourceArn!);
      const tags = { ...pool.tags, ...input.Tags };
      if (Object.keys(tags).length > MAX_TAGS)
        throw new ServiceError(
          "InvalidParameterException",
          `An identity pool can have at most ${MAX_TAGS} tags.`,
        );
      await tx.identityPools.updatePool({ ...pool, tags, updatedAt: ctx.clock.nowMs() });
      return {};
    });
  },
});

import type { ListTagsForResourceInput, ListTagsForResourceResponse } from "@aws-sdk/client-cognito-identity";
import { requirePoolByArn } from "../domain/pools.ts";
import { defineIdentityOperation } from "../operation.ts";

export default defineIdentityOperation<ListTagsForResourceInput, ListTagsForResourceResponse>(
  "ListTagsForResource",
  {
    auth: "iam",
    async handle(input, ctx) {
      return { Tags: (await requirePoolByArn(ctx, input.ResourceArn!)).tags };
    },
  },
);

import type {
  ListTagsForResourceRequest,
  ListTagsForResourceResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { poolConfig } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";
import { requirePoolByArn } from "./pool-by-arn.ts";

export default defineOperation<ListTagsForResourceRequest, ListTagsForResourceResponse>(
  "ListTagsForResource",
  {
    auth: "iam",
    async handle(input, ctx) {
      const pool = await requirePoolByArn(ctx, input.ResourceArn!);
      return { Tags: { ...poolConfig(pool).UserPoolTags } };
    },
  },
);

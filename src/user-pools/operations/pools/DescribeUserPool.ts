import type {
  DescribeUserPoolRequest,
  DescribeUserPoolResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { requirePool } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";
import { toUserPoolType } from "../../responses.ts";

export default defineOperation<DescribeUserPoolRequest, DescribeUserPoolResponse>("DescribeUserPool", {
  auth: "iam",
  async handle(input, ctx) {
    const pool = await requirePool(ctx, input.UserPoolId!);
    return { UserPool: toUserPoolType(pool, ctx.config.region, await ctx.store.users.count(pool.id)) };
  },
});

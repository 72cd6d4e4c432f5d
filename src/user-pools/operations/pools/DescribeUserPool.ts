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
    const userPool = toUserPoolType(pool, ctx.config.region, await ctx.store.users.count(pool.id));
    // UserPoolType.Domain is the prefix domain, CustomDomain the custom one (API reference, UserPoolType).
    for (const d of await ctx.store.oauth.poolDomains(pool.id)) {
      if (d.custom) userPool.CustomDomain = d.domain;
      else userPool.Domain = d.domain;
    }
    return { UserPool: userPool };
  },
});

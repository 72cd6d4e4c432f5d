import type { DescribeIdentityPoolInput, IdentityPool } from "@aws-sdk/client-cognito-identity";
import { requireIdentityPool, toIdentityPoolType } from "../domain/pools.ts";
import { defineIdentityOperation } from "../operation.ts";

export default defineIdentityOperation<DescribeIdentityPoolInput, IdentityPool>("DescribeIdentityPool", {
  auth: "iam",
  async handle(input, ctx) {
    return toIdentityPoolType(await requireIdentityPool(ctx, input.IdentityPoolId!));
  },
});

import type { DeleteUserPoolRequest } from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { poolConfig, requirePool } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";

/** Deletes the pool and, through the database's cascades, its clients, users, groups, keys and tokens. */
export default defineOperation<DeleteUserPoolRequest, Record<string, never>>("DeleteUserPool", {
  auth: "iam",
  async handle(input, ctx) {
    const pool = await requirePool(ctx, input.UserPoolId!);
    if (poolConfig(pool).DeletionProtection === "ACTIVE") {
      // Cognito's wording (localstack/localstack#11947 quotes the AWS CLI's output).
      throw new ServiceError(
        "InvalidParameterException",
        "The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.",
      );
    }
    if ((await ctx.store.oauth.poolDomains(pool.id)).length > 0) {
      // Cognito refuses too, as Terraform users meet it when destroying a pool before its domain.
      throw new ServiceError(
        "InvalidParameterException",
        "User pool cannot be deleted. It has a domain configured that should be deleted first.",
      );
    }
    await ctx.store.pools.delete(pool.id);
    ctx.services.keys.forget(pool.id);
    return {};
  },
});

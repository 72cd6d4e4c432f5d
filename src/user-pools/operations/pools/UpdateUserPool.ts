import type {
  UpdateUserPoolRequest,
  UpdateUserPoolResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { type PoolConfig, requirePool } from "../../domain/pools.ts";
import { splitUpdate } from "../../domain/updates.ts";
import { defineOperation } from "../../operation.ts";
import { buildPoolConfig } from "./CreateUserPool.ts";

/**
 * Replaces the pool's settings. Whatever the request leaves out returns to its default,
 * except UserPoolTier and the name (API reference, UpdateUserPool: "With the exception of
 * UserPoolTier, if you don't provide a value for an attribute, Amazon Cognito sets it to its
 * default value"). Settings fixed at creation (Schema, AliasAttributes, UsernameAttributes,
 * UsernameConfiguration) are not members of the request and stay as they are.
 */
export default defineOperation<UpdateUserPoolRequest, UpdateUserPoolResponse>("UpdateUserPool", {
  auth: "iam",
  async handle(request, ctx) {
    const pool = await requirePool(ctx, request.UserPoolId!);
    const { input, kept } = splitUpdate("UpdateUserPoolRequest", request, pool.config, ["UserPoolTier"]);
    const { UserPoolId: _id, PoolName, ...settings } = input;
    const config = buildPoolConfig(settings, kept as PoolConfig);
    await ctx.store.pools.update(
      pool.id,
      PoolName ?? pool.name,
      config as Record<string, unknown>,
      ctx.clock.nowMs(),
    );
    return {};
  },
});

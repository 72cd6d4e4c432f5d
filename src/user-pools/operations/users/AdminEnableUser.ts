import type {
  AdminEnableUserRequest,
  AdminEnableUserResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { requirePool } from "../../domain/pools.ts";
import { requireUser } from "../../domain/users.ts";
import { defineOperation } from "../../operation.ts";

export default defineOperation<AdminEnableUserRequest, AdminEnableUserResponse>("AdminEnableUser", {
  auth: "iam",
  async handle(input, ctx) {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const user = await requireUser(ctx, pool, input.Username!);
    await ctx.store.users.update(user.id, { enabled: true }, ctx.clock.nowMs());
    return {};
  },
});

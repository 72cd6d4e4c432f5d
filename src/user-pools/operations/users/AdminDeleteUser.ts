import type { AdminDeleteUserRequest } from "@aws-sdk/client-cognito-identity-provider";
import { requirePool } from "../../domain/pools.ts";
import { requireUser } from "../../domain/users.ts";
import { defineOperation } from "../../operation.ts";

export default defineOperation<AdminDeleteUserRequest, Record<string, never>>("AdminDeleteUser", {
  auth: "iam",
  async handle(input, ctx) {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const user = await requireUser(ctx, pool, input.Username!);
    // Attributes, group memberships, refresh tokens and codes go with the user (ON DELETE CASCADE).
    await ctx.store.users.delete(user.id);
    return {};
  },
});

import type { AdminAddUserToGroupRequest } from "@aws-sdk/client-cognito-identity-provider";
import { requireGroup } from "../../domain/groups.ts";
import { requirePool } from "../../domain/pools.ts";
import { requireUser } from "../../domain/users.ts";
import { defineOperation } from "../../operation.ts";

export default defineOperation<AdminAddUserToGroupRequest, Record<string, never>>("AdminAddUserToGroup", {
  auth: "iam",
  async handle(input, ctx) {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const group = await requireGroup(ctx, pool.id, input.GroupName!);
    const user = await requireUser(ctx, pool, input.Username!);
    // Adding a member twice is not an error.
    await ctx.store.groups.addMember(pool.id, group.name, user.id);
    return {};
  },
});

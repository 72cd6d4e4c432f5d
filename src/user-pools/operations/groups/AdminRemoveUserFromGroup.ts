import type { AdminRemoveUserFromGroupRequest } from "@aws-sdk/client-cognito-identity-provider";
import { requireGroup } from "../../domain/groups.ts";
import { requirePool } from "../../domain/pools.ts";
import { requireUser } from "../../domain/users.ts";
import { defineOperation } from "../../operation.ts";

export default defineOperation<AdminRemoveUserFromGroupRequest, Record<string, never>>(
  "AdminRemoveUserFromGroup",
  {
    auth: "iam",
    async handle(input, ctx) {
      const pool = await requirePool(ctx, input.UserPoolId!);
      const group = await requireGroup(ctx, pool.id, input.GroupName!);
      const user = await requireUser(ctx, pool, input.Username!);
      await ctx.store.groups.removeMember(pool.id, group.name, user.id);
      return {};
    },
  },
);

import type { UpdateGroupRequest, UpdateGroupResponse } from "@aws-sdk/client-cognito-identity-provider";
import { requireGroup, toGroupType } from "../../domain/groups.ts";
import { requirePool } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";

export default defineOperation<UpdateGroupRequest, UpdateGroupResponse>("UpdateGroup", {
  auth: "iam",
  async handle(input, ctx) {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const current = await requireGroup(ctx, pool.id, input.GroupName!);
    // Members left out of the request keep their values.
    const group = {
      ...current,
      description: input.Description ?? current.description,
      roleArn: input.RoleArn ?? current.roleArn,
      precedence: input.Precedence ?? current.precedence,
      updatedAt: ctx.clock.nowMs(),
    };
    await ctx.store.groups.update(group);
    return { Group: toGroupType(group) };
  },
});

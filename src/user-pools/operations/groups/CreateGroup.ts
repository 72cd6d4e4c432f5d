import type { CreateGroupRequest, CreateGroupResponse } from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { toGroupType } from "../../domain/groups.ts";
import { requirePool } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";

export default defineOperation<CreateGroupRequest, CreateGroupResponse>("CreateGroup", {
  auth: "iam",
  async handle(input, ctx) {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const now = ctx.clock.nowMs();
    const group = {
      poolId: pool.id,
      name: input.GroupName!,
      description: input.Description ?? null,
      roleArn: input.RoleArn ?? null,
      precedence: input.Precedence ?? null,
      createdAt: now,
      updatedAt: now,
    };
    // The (pool, name) primary key decides between concurrent creators.
    if (!(await ctx.store.groups.create(group))) {
      throw new ServiceError("GroupExistsException", `A group with the name ${group.name} already exists.`);
    }
    return { Group: toGroupType(group) };
  },
});

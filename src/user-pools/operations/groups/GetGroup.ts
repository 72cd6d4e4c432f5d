import type { GetGroupRequest, GetGroupResponse } from "@aws-sdk/client-cognito-identity-provider";
import { requireGroup, toGroupType } from "../../domain/groups.ts";
import { requirePool } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";

export default defineOperation<GetGroupRequest, GetGroupResponse>("GetGroup", {
  auth: "iam",
  async handle(input, ctx) {
    const pool = await requirePool(ctx, input.UserPoolId!);
    return { Group: toGroupType(await requireGroup(ctx, pool.id, input.GroupName!)) };
  },
});

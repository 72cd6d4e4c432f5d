import type {
  ListUsersInGroupRequest,
  ListUsersInGroupResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { requireGroup } from "../../domain/groups.ts";
import { decodePageToken, encodePageToken, pageLimit } from "../../domain/page-token.ts";
import { requirePool } from "../../domain/pools.ts";
import { toUserType } from "../../domain/users.ts";
import { defineOperation } from "../../operation.ts";

export default defineOperation<ListUsersInGroupRequest, ListUsersInGroupResponse>("ListUsersInGroup", {
  auth: "iam",
  async handle(input, ctx) {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const group = await requireGroup(ctx, pool.id, input.GroupName!);
    const after = decodePageToken(input.NextToken);
    const page = await ctx.store.groups.listMembers(pool.id, group.name, pageLimit(input.Limit, 60), after);
    return { Users: page.items.map((u) => toUserType(u)), NextToken: encodePageToken(page.next) };
  },
});

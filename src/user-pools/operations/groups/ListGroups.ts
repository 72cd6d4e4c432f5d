import type { ListGroupsRequest, ListGroupsResponse } from "@aws-sdk/client-cognito-identity-provider";
import { toGroupType } from "../../domain/groups.ts";
import { decodePageToken, encodePageToken, pageLimit } from "../../domain/page-token.ts";
import { requirePool } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";

export default defineOperation<ListGroupsRequest, ListGroupsResponse>("ListGroups", {
  auth: "iam",
  async handle(input, ctx) {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const after = decodePageToken(input.NextToken);
    const page = await ctx.store.groups.list(pool.id, pageLimit(input.Limit, 60), after);
    return { Groups: page.items.map(toGroupType), NextToken: encodePageToken(page.next) };
  },
});

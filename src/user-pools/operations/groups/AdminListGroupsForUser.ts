import type {
  AdminListGroupsForUserRequest,
  AdminListGroupsForUserResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { toGroupType } from "../../domain/groups.ts";
import { decodePageToken, encodePageToken, pageLimit } from "../../domain/page-token.ts";
import { requirePool } from "../../domain/pools.ts";
import { requireUser } from "../../domain/users.ts";
import { defineOperation } from "../../operation.ts";

export default defineOperation<AdminListGroupsForUserRequest, AdminListGroupsForUserResponse>(
  "AdminListGroupsForUser",
  {
    auth: "iam",
    async handle(input, ctx) {
      const pool = await requirePool(ctx, input.UserPoolId!);
      const user = await requireUser(ctx, pool, input.Username!);
      const after = decodePageToken(input.NextToken);
      const page = await ctx.store.groups.listForUser(user.id, pageLimit(input.Limit, 60), after);
      return { Groups: page.items.map(toGroupType), NextToken: encodePageToken(page.next) };
    },
  },
);

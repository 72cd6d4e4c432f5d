import type { ListUserPoolsRequest, ListUserPoolsResponse } from "@aws-sdk/client-cognito-identity-provider";
import { decodePageToken, encodePageToken } from "../../domain/page-token.ts";
import { defineOperation } from "../../operation.ts";
import { toUserPoolDescriptionType } from "../../responses.ts";

/** MaxResults (1..60) is required; the dispatcher's model check enforces both. */
export default defineOperation<ListUserPoolsRequest, ListUserPoolsResponse>("ListUserPools", {
  auth: "iam",
  async handle(input, ctx) {
    const page = await ctx.store.pools.list(input.MaxResults!, decodePageToken(input.NextToken));
    return {
      UserPools: page.items.map(toUserPoolDescriptionType),
      NextToken: encodePageToken(page.next),
    };
  },
});

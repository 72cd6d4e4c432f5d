import type {
  ListResourceServersRequest,
  ListResourceServersResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { decodePageToken, encodePageToken, pageLimit } from "../../domain/page-token.ts";
import { requirePool } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";
import { toResourceServerType } from "./responses.ts";

/** MaxResults is 1..50; without it a page holds 50. Pages are ordered by identifier. */
export default defineOperation<ListResourceServersRequest, ListResourceServersResponse>(
  "ListResourceServers",
  {
    auth: "iam",
    async handle(input, ctx) {
      await requirePool(ctx, input.UserPoolId!);
      const page = await ctx.store.oauth.listResourceServers(
        input.UserPoolId!,
        pageLimit(input.MaxResults, 50),
        decodePageToken(input.NextToken),
      );
      return { ResourceServers: page.items.map(toResourceServerType), NextToken: encodePageToken(page.next) };
    },
  },
);

import type {
  ListUserPoolClientsRequest,
  ListUserPoolClientsResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { decodePageToken, encodePageToken, pageLimit } from "../../domain/page-token.ts";
import { requirePool } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";
import { toUserPoolClientDescription } from "../../responses.ts";

/** MaxResults is optional (1..60); without it a page holds the most Cognito allows, 60. */
export default defineOperation<ListUserPoolClientsRequest, ListUserPoolClientsResponse>(
  "ListUserPoolClients",
  {
    auth: "iam",
    async handle(input, ctx) {
      await requirePool(ctx, input.UserPoolId!);
      const page = await ctx.store.clients.list(
        input.UserPoolId!,
        pageLimit(input.MaxResults, 60),
        decodePageToken(input.NextToken),
      );
      return {
        UserPoolClients: page.items.map(toUserPoolClientDescription),
        NextToken: encodePageToken(page.next),
      };
    },
  },
);

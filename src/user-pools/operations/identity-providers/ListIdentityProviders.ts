import type {
  ListIdentityProvidersRequest,
  ListIdentityProvidersResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { decodePageToken, encodePageToken, pageLimit } from "../../domain/page-token.ts";
import { requirePool } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";
import { toProviderDescription } from "./providers.ts";

/** MaxResults is 0..60; without it (or 0) a page holds 60. Pages are ordered by provider name. */
export default defineOperation<ListIdentityProvidersRequest, ListIdentityProvidersResponse>(
  "ListIdentityProviders",
  {
    auth: "iam",
    async handle(input, ctx) {
      await requirePool(ctx, input.UserPoolId!);
      const page = await ctx.store.identityProviders.list(
        input.UserPoolId!,
        pageLimit(input.MaxResults, 60),
        decodePageToken(input.NextToken),
      );
      return { Providers: page.items.map(toProviderDescription), NextToken: encodePageToken(page.next) };
    },
  },
);

import type { ListIdentityPoolsInput, ListIdentityPoolsResponse } from "@aws-sdk/client-cognito-identity";
import { decodeToken, encodeToken } from "../domain/pools.ts";
import { defineIdentityOperation } from "../operation.ts";

export default defineIdentityOperation<ListIdentityPoolsInput, ListIdentityPoolsResponse>(
  "ListIdentityPools",
  {
    auth: "iam",
    async handle(input, ctx) {
      const page = await ctx.store.identityPools.listPools(input.MaxResults!, decodeToken(input.NextToken));
      const out: ListIdentityPoolsResponse = {
        IdentityPools: page.items.map((p) => ({ IdentityPoolId: p.id, IdentityPoolName: p.name })),
      };
      if (page.next) out.NextToken = encodeToken(page.next);
      return out;
    },
  },
);

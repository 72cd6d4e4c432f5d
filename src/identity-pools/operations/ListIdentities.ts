import type { ListIdentitiesInput, ListIdentitiesResponse } from "@aws-sdk/client-cognito-identity";
import { toIdentityDescription } from "../domain/identities.ts";
import { decodeToken, encodeToken, requireIdentityPool } from "../domain/pools.ts";
import { defineIdentityOperation } from "../operation.ts";

export default defineIdentityOperation<ListIdentitiesInput, ListIdentitiesResponse>("ListIdentities", {
  auth: "iam",
  async handle(input, ctx) {
    const pool = await requireIdentityPool(ctx, input.IdentityPoolId!);
    const page = await ctx.store.identityPools.listIdentities(pool.id, {
      limit: input.MaxResults!,
      ...(input.NextToken ? { after: decodeToken(input.NextToken)! } : {}),
      // Disabled identities are the ones merged into another (developer guide, "Merging identities").
      hideDisabled: input.HideDisabled ?? false,
    });
    const out: ListIdentitiesResponse = { IdentityPoolId: pool.id, Identities: [] };
    for (const identity of page.items) out.Identities!.push(await toIdentityDescription(ctx.store, identity));
    if (page.next) out.NextToken = encodeToken(page.next);
    return out;
  },
});

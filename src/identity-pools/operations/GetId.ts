import type { GetIdInput, GetIdResponse } from "@aws-sdk/client-cognito-identity";
import { assertGuestsAllowed, createIdentity, linkLogins } from "../domain/identities.ts";
import { verifyLogins } from "../domain/logins.ts";
import { requireIdentityPool } from "../domain/pools.ts";
import { defineIdentityOperation } from "../operation.ts";

export default defineIdentityOperation<GetIdInput, GetIdResponse>("GetId", {
  auth: "public",
  async handle(input, ctx) {
    const pool = await requireIdentityPool(ctx, input.IdentityPoolId!);
    const logins = await verifyLogins(ctx, pool, input.Logins);
    if (logins.length === 0) {
      // Every call without logins makes a new guest identity; apps cache the id (developer guide, "Unauthenticated access").
      assertGuestsAllowed(pool);
      return { IdentityId: await ctx.store.transaction((tx) => createIdentity(tx, ctx, pool.id)) };
    }
    return { IdentityId: await linkLogins(ctx, pool, logins) };
  },
});

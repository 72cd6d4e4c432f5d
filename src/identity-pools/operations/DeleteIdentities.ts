import type { DeleteIdentitiesInput, DeleteIdentitiesResponse } from "@aws-sdk/client-cognito-identity";
import { defineIdentityOperation } from "../operation.ts";

export default defineIdentityOperation<DeleteIdentitiesInput, DeleteIdentitiesResponse>("DeleteIdentities", {
  auth: "iam",
  async handle(input, ctx) {
    // Unknown ids are not an error: the response lists only ids that could not be processed.
    await ctx.store.transaction(async (tx) => {
      for (const id of input.IdentityIdsToDelete!) await tx.identityPools.deleteIdentity(id);
    });
    return { UnprocessedIdentityIds: [] };
  },
});

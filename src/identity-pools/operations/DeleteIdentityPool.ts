import type { DeleteIdentityPoolInput } from "@aws-sdk/client-cognito-identity";
import { ServiceError } from "../../protocol/aws-json/errors.ts";
import { defineIdentityOperation } from "../operation.ts";

export default defineIdentityOperation<DeleteIdentityPoolInput, Record<string, never>>("DeleteIdentityPool", {
  auth: "iam",
  async handle(input, ctx) {
    // Identities and their logins go with the pool (ON DELETE CASCADE).
    if (!(await ctx.store.identityPools.deletePool(input.IdentityPoolId!))) {
      throw new ServiceError(
        "ResourceNotFoundException",
        `IdentityPool '${input.IdentityPoolId}' not found.`,
      );
    }
    return {};
  },
});

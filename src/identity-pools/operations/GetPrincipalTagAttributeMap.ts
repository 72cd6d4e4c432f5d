import type {
  GetPrincipalTagAttributeMapInput,
  GetPrincipalTagAttributeMapResponse,
} from "@aws-sdk/client-cognito-identity";
import { principalTagMaps, requireIdentityPool } from "../domain/pools.ts";
import { effectiveTagMap, requirePoolProvider } from "../domain/principal-tags.ts";
import { defineIdentityOperation } from "../operation.ts";

export default defineIdentityOperation<GetPrincipalTagAttributeMapInput, GetPrincipalTagAttributeMapResponse>(
  "GetPrincipalTagAttributeMap",
  {
    auth: "iam",
    async handle(input, ctx) {
      const pool = await requireIdentityPool(ctx, input.IdentityPoolId!);
      const map = principalTagMaps(pool)[requirePoolProvider(ctx, pool, input.IdentityProviderName!)];
      return {
        IdentityPoolId: pool.id,
        IdentityProviderName: input.IdentityProviderName!,
        UseDefaults: map?.UseDefaults ?? false,
        PrincipalTags: effectiveTagMap(map),
      };
    },
  },
);

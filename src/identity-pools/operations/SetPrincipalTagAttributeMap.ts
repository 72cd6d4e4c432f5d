import type {
  SetPrincipalTagAttributeMapInput,
  SetPrincipalTagAttributeMapResponse,
} from "@aws-sdk/client-cognito-identity";
import { type PrincipalTagMap, principalTagMaps, requireIdentityPool } from "../domain/pools.ts";
import { effectiveTagMap, requirePoolProvider } from "../domain/principal-tags.ts";
import { defineIdentityOperation } from "../operation.ts";

export default defineIdentityOperation<SetPrincipalTagAttributeMapInput, SetPrincipalTagAttributeMapResponse>(
  "SetPrincipalTagAttributeMap",
  {
    auth: "iam",
    async handle(input, ctx) {
      return ctx.store.transaction(async (tx) => {
        const pool = await requireIdentityPool({ store: tx }, input.IdentityPoolId!);
        const provider = requirePoolProvider(ctx, pool, input.IdentityProviderName!);
        const map: PrincipalTagMap = {
          UseDefaults: input.UseDefaults ?? false,
          PrincipalTags: input.PrincipalTags ?? {},
        };
        const principalTags = { ...principalTagMaps(pool), [provider]: map };
        await tx.identityPools.updatePool({ ...pool, principalTags, updatedAt: ctx.clock.nowMs() });
        return {
          IdentityPoolId: pool.id,
          IdentityProviderName: input.IdentityProviderName!,
          UseDefaults: map.UseDefaults,
          PrincipalTags: effectiveTagMap(map),
        };
      });
    },
  },
);

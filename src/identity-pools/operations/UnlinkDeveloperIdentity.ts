import type { UnlinkDeveloperIdentityInput } from "@aws-sdk/client-cognito-identity";
import { ServiceError } from "../../protocol/aws-json/errors.ts";
import { requirePoolIdentity } from "../domain/identities.ts";
import { requireDeveloperProvider, requireIdentityPool } from "../domain/pools.ts";
import { defineIdentityOperation } from "../operation.ts";

export default defineIdentityOperation<UnlinkDeveloperIdentityInput, Record<string, never>>(
  "UnlinkDeveloperIdentity",
  {
    auth: "iam",
    async handle(input, ctx) {
      const pool = await requireIdentityPool(ctx, input.IdentityPoolId!);
      const developer = requireDeveloperProvider(pool, input.DeveloperProviderName!);
      const identity = await requirePoolIdentity(ctx, pool, input.IdentityId!);
      const login = await ctx.store.identityPools.findLogin(
        pool.id,
        developer,
        input.DeveloperUserIdentifier!,
      );
      if (!login || login.identityId !== identity.id) {
        throw new ServiceError(
          "ResourceConflictException",
          `Developer user identifier '${input.DeveloperUserIdentifier}' is not linked to identity '${identity.id}'.`,
        );
      }
      // "Unlinked developer users will be considered new identities next time they are seen." (API reference)
      await ctx.store.identityPools.removeLogin(pool.id, developer, login.subject);
      await ctx.store.identityPools.updateIdentity(identity.id, {}, ctx.clock.nowMs());
      return {};
    },
  },
);

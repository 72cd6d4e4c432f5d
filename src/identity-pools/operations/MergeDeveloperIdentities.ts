import type {
  MergeDeveloperIdentitiesInput,
  MergeDeveloperIdentitiesResponse,
} from "@aws-sdk/client-cognito-identity";
import { ServiceError } from "../../protocol/aws-json/errors.ts";
import { mergeInto } from "../domain/identities.ts";
import { requireDeveloperProvider, requireIdentityPool } from "../domain/pools.ts";
import { defineIdentityOperation } from "../operation.ts";

export default defineIdentityOperation<MergeDeveloperIdentitiesInput, MergeDeveloperIdentitiesResponse>(
  "MergeDeveloperIdentities",
  {
    auth: "iam",
    async handle(input, ctx) {
      const pool = await requireIdentityPool(ctx, input.IdentityPoolId!);
      const developer = requireDeveloperProvider(pool, input.DeveloperProviderName!);
      return ctx.store.transaction(async (tx) => {
        const find = async (identifier: string) => {
          const login = await tx.identityPools.findLogin(pool.id, developer, identifier);
          if (!login)
            throw new ServiceError(
              "ResourceNotFoundException",
              `Developer user identifier '${identifier}' not found.`,
            );
          return login;
        };
        const source = await find(input.SourceUserIdentifier!);
        const destination = await find(input.DestinationUserIdentifier!);
        // "Cognito associates the given source user (SourceUserIdentifier) with the IdentityId of the
        // DestinationUserIdentifier" (API reference); the source identity is disabled, as on any merge.
        if (source.identityId !== destination.identityId)
          await mergeInto(tx, ctx, pool, source.identityId, destination.identityId);
        return { IdentityId: destination.identityId };
      });
    },
  },
);

import type {
  LookupDeveloperIdentityInput,
  LookupDeveloperIdentityResponse,
} from "@aws-sdk/client-cognito-identity";
import { ServiceError } from "../../protocol/aws-json/errors.ts";
import { requirePoolIdentity } from "../domain/identities.ts";
import { decodeToken, encodeToken, poolConfig, requireIdentityPool } from "../domain/pools.ts";
import { defineIdentityOperation } from "../operation.ts";

export default defineIdentityOperation<LookupDeveloperIdentityInput, LookupDeveloperIdentityResponse>(
  "LookupDeveloperIdentity",
  {
    auth: "iam",
    async handle(input, ctx) {
      const pool = await requireIdentityPool(ctx, input.IdentityPoolId!);
      if (!input.IdentityId && !input.DeveloperUserIdentifier) {
        throw new ServiceError(
          "InvalidParameterException",
          "Either IdentityId or DeveloperUserIdentifier must be specified.",
        );
      }
      const developer = poolConfig(pool).DeveloperProviderName ?? "";
      let identityId = input.IdentityId;
      if (input.DeveloperUserIdentifier !== undefined) {
        const login = developer
          ? await ctx.store.identityPools.findLogin(pool.id, developer, input.DeveloperUserIdentifier)
          : undefined;
        if (!login)
          throw new ServiceError(
            "ResourceNotFoundException",
            `Developer user identifier '${input.DeveloperUserIdentifier}' not found.`,
          );
        // "If you supply both, DeveloperUserIdentifier will be matched against IdentityID" (API reference).
        if (identityId && login.identityId !== identityId) {
          throw new ServiceError(
            "ResourceConflictException",
            `Developer user identifier '${input.DeveloperUserIdentifier}' is not linked to identity '${identityId}'.`,
          );
        }
        identityId = login.identityId;
      } else {
        await requirePoolIdentity(ctx, pool, identityId!);
      }
      const page = await ctx.store.identityPools.logins(identityId!, {
        provider: developer,
        limit: input.MaxResults ?? 60,
        ...(input.NextToken ? { after: decodeToken(input.NextToken)! } : {}),
      });
      const out: LookupDeveloperIdentityResponse = {
        IdentityId: identityId!,
        DeveloperUserIdentifierList: page.items.map((l) => l.subject),
      };
      if (page.next) out.NextToken = encodeToken(page.next);
      return out;
    },
  },
);

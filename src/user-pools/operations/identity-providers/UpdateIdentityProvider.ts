import type {
  UpdateIdentityProviderRequest,
  UpdateIdentityProviderResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { requirePool } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";
import {
  checkAttributeMapping,
  checkIdentifiers,
  checkProviderDetails,
  identifierTaken,
  requireProvider,
  toIdentityProviderType,
} from "./providers.ts";

/**
 * Changes what the request names and keeps the rest. ProviderDetails are merged into the stored
 * ones, so a request with only a new client_secret rotates the secret; AttributeMapping and
 * IdpIdentifiers, when given, replace the stored ones.
 */
export default defineOperation<UpdateIdentityProviderRequest, UpdateIdentityProviderResponse>(
  "UpdateIdentityProvider",
  {
    auth: "iam",
    async handle(input, ctx) {
      const pool = await requirePool(ctx, input.UserPoolId!);
      const current = await requireProvider(ctx, pool.id, input.ProviderName!);
      const updated = {
        ...current,
        details: input.ProviderDetails
          ? checkProviderDetails(current.type, { ...current.details, ...input.ProviderDetails })
          : current.details,
        attributeMapping: input.AttributeMapping
          ? checkAttributeMapping(pool, current.type, input.AttributeMapping)
          : current.attributeMapping,
        idpIdentifiers: input.IdpIdentifiers
          ? checkIdentifiers(input.IdpIdentifiers)
          : current.idpIdentifiers,
        updatedAt: ctx.clock.nowMs(),
      };
      const r = await ctx.store.identityProviders.update(updated);
      if (r === "missing") await requireProvider(ctx, pool.id, input.ProviderName!);
      if (r === "identifier-taken") throw identifierTaken();
      return { IdentityProvider: toIdentityProviderType(updated) };
    },
  },
);

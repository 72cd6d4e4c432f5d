import type {
  CreateIdentityProviderRequest,
  CreateIdentityProviderResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { requirePool } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";
import {
  assertSupportedType,
  checkAttributeMapping,
  checkIdentifiers,
  checkProviderDetails,
  checkProviderName,
  identifierTaken,
  toIdentityProviderType,
} from "./providers.ts";

/**
 * An external identity provider for the pool (API reference, CreateIdentityProvider). OIDC
 * providers sign users in through /oauth2/authorize (docs/oauth.md, "Federation"); social ones
 * are stored only; SAML is refused.
 */
export default defineOperation<CreateIdentityProviderRequest, CreateIdentityProviderResponse>(
  "CreateIdentityProvider",
  {
    auth: "iam",
    async handle(input, ctx) {
      const pool = await requirePool(ctx, input.UserPoolId!);
      const type = input.ProviderType!;
      assertSupportedType(type);
      checkProviderName(input.ProviderName!, type);
      const now = ctx.clock.nowMs();
      const provider = {
        poolId: pool.id,
        name: input.ProviderName!,
        type,
        details: checkProviderDetails(type, input.ProviderDetails ?? {}),
        attributeMapping: checkAttributeMapping(pool, type, input.AttributeMapping ?? {}),
        idpIdentifiers: checkIdentifiers(input.IdpIdentifiers),
        createdAt: now,
        updatedAt: now,
      };
      const r = await ctx.store.identityProviders.create(provider);
      if (r === "name-taken")
        throw new ServiceError(
          "DuplicateProviderException",
          `A provider with the name ${provider.name} already exists in this user pool.`,
        );
      if (r === "identifier-taken") throw identifierTaken();
      return { IdentityProvider: toIdentityProviderType(provider) };
    },
  },
);

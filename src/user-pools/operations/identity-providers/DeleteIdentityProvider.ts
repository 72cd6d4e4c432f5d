import type { DeleteIdentityProviderRequest } from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { requirePool } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";
import { requireProvider } from "./providers.ts";

/**
 * Users created by the provider and links to it stay; clients that list it in
 * SupportedIdentityProviders can no longer sign in with it.
 */
export default defineOperation<DeleteIdentityProviderRequest, Record<string, never>>(
  "DeleteIdentityProvider",
  {
    auth: "iam",
    async handle(input, ctx) {
      await requirePool(ctx, input.UserPoolId!);
      // COGNITO is the pool's own directory, not a provider that can be deleted.
      if (input.ProviderName === "COGNITO")
        throw new ServiceError(
          "UnsupportedIdentityProviderException",
          "COGNITO is not an identity provider that can be deleted.",
        );
      await requireProvider(ctx, input.UserPoolId!, input.ProviderName!);
      await ctx.store.identityProviders.delete(input.UserPoolId!, input.ProviderName!);
      return {};
    },
  },
);

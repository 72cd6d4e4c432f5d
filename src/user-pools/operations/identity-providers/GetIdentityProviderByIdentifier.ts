import type {
  GetIdentityProviderByIdentifierRequest,
  GetIdentityProviderByIdentifierResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { requirePool } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";
import { toIdentityProviderType } from "./providers.ts";

export default defineOperation<
  GetIdentityProviderByIdentifierRequest,
  GetIdentityProviderByIdentifierResponse
>("GetIdentityProviderByIdentifier", {
  auth: "iam",
  async handle(input, ctx) {
    await requirePool(ctx, input.UserPoolId!);
    const provider = await ctx.store.identityProviders.getByIdentifier(
      input.UserPoolId!,
      input.IdpIdentifier!,
    );
    if (!provider)
      throw new ServiceError(
        "ResourceNotFoundException",
        `No identity provider has the identifier ${input.IdpIdentifier}.`,
      );
    return { IdentityProvider: toIdentityProviderType(provider) };
  },
});

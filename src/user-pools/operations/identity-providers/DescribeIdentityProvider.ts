import type {
  DescribeIdentityProviderRequest,
  DescribeIdentityProviderResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { requirePool } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";
import { requireProvider, toIdentityProviderType } from "./providers.ts";

export default defineOperation<DescribeIdentityProviderRequest, DescribeIdentityProviderResponse>(
  "DescribeIdentityProvider",
  {
    auth: "iam",
    async handle(input, ctx) {
      await requirePool(ctx, input.UserPoolId!);
      const provider = await requireProvider(ctx, input.UserPoolId!, input.ProviderName!);
      return { IdentityProvider: toIdentityProviderType(provider) };
    },
  },
);

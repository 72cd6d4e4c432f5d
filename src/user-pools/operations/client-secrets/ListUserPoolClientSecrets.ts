import type {
  ListUserPoolClientSecretsRequest,
  ListUserPoolClientSecretsResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { clientSecrets } from "../../domain/client-secrets.ts";
import { requireClient, requirePool } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";

/**
 * The app client's current secrets, oldest first, without their values (API reference,
 * ListUserPoolClientSecrets: values are returned only when Cognito generates one). Two at most, so
 * there is never a NextToken.
 */
export default defineOperation<ListUserPoolClientSecretsRequest, ListUserPoolClientSecretsResponse>(
  "ListUserPoolClientSecrets",
  {
    auth: "iam",
    async handle(input, ctx) {
      await requirePool(ctx, input.UserPoolId!);
      const client = await requireClient(ctx, input.ClientId!, input.UserPoolId!);
      return {
        ClientSecrets: clientSecrets(client).map((s) => ({
          ClientSecretId: s.id,
          ClientSecretCreateDate: new Date(s.createdAt),
        })),
      };
    },
  },
);

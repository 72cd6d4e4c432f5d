import type {
  DeleteUserPoolClientSecretRequest,
  DeleteUserPoolClientSecretResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { clientSecrets } from "../../domain/client-secrets.ts";
import { requireClient, requirePool } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";

/**
 * Deletes one of an app client's secrets; the client keeps at least one, so a confidential
 * client never silently becomes a public one (API reference, DeleteUserPoolClientSecret).
 */
export default defineOperation<DeleteUserPoolClientSecretRequest, DeleteUserPoolClientSecretResponse>(
  "DeleteUserPoolClientSecret",
  {
    auth: "iam",
    async handle(input, ctx) {
      await requirePool(ctx, input.UserPoolId!);
      return ctx.store.transaction(async (tx) => {
        const client = await requireClient({ store: tx }, input.ClientId!, input.UserPoolId!);
        const current = clientSecrets(client);
        if (!current.some((s) => s.id === input.ClientSecretId)) {
          throw new ServiceError(
            "ResourceNotFoundException",
            `Client secret ${input.ClientSecretId} does not exist for client ${client.clientId}.`,
          );
        }
        if (current.length === 1) {
          throw new ServiceError(
            "InvalidParameterException",
            `Client ${client.clientId} must keep at least one client secret.`,
          );
        }
        const secrets = current.filter((s) => s.id !== input.ClientSecretId);
        await tx.clients.update({
          ...client,
          secret: secrets[0]!.value,
          secrets,
          updatedAt: ctx.clock.nowMs(),
        });
        return {};
      });
    },
  },
);

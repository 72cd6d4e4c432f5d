import type {
  AddUserPoolClientSecretRequest,
  AddUserPoolClientSecretResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { LOWER_ALNUM } from "../../../runtime/random.ts";
import { clientSecrets, MAX_CLIENT_SECRETS } from "../../domain/client-secrets.ts";
import { requireClient, requirePool } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";

/**
 * Adds a secret to a confidential app client; up to two are current at once, so a secret can be
 * rotated without downtime (API reference, AddUserPoolClientSecret). The value is returned only
 * when cognate generated it.
 */
export default defineOperation<AddUserPoolClientSecretRequest, AddUserPoolClientSecretResponse>(
  "AddUserPoolClientSecret",
  {
    auth: "iam",
    async handle(input, ctx) {
      await requirePool(ctx, input.UserPoolId!);
      return ctx.store.transaction(async (tx) => {
        const client = await requireClient({ store: tx }, input.ClientId!, input.UserPoolId!);
        const current = clientSecrets(client);
        if (current.length === 0) {
          throw new ServiceError(
            "InvalidParameterException",
            `Client ${client.clientId} is not configured with a secret.`,
          );
        }
        if (current.length >= MAX_CLIENT_SECRETS) {
          throw new ServiceError(
            "LimitExceededException",
            `Client ${client.clientId} already has the maximum of ${MAX_CLIENT_SECRETS} client secrets.`,
          );
        }
        const now = ctx.clock.nowMs();
        // Ids are `<client-id>--<epoch-create-time>` (ClientSecretDescriptorType); kept unique within the ms.
        let stamp = now;
        while (current.some((s) => s.id === `${client.clientId}--${stamp}`)) stamp++;
        const id = `${client.clientId}--${stamp}`;
        const value = input.ClientSecret ?? ctx.random.string(51, LOWER_ALNUM);
        const secrets = [...current, { id, value, createdAt: now }];
        await tx.clients.update({ ...client, secret: secrets[0]!.value, secrets, updatedAt: now });
        return {
          ClientSecretDescriptor: {
            ClientSecretId: id,
            ...(input.ClientSecret === undefined ? { ClientSecretValue: value } : {}),
            ClientSecretCreateDate: new Date(now),
          },
        };
      });
    },
  },
);

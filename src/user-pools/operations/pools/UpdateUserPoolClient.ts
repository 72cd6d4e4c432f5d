import type {
  UpdateUserPoolClientRequest,
  UpdateUserPoolClientResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { requireClient, requirePool } from "../../domain/pools.ts";
import { splitUpdate } from "../../domain/updates.ts";
import { defineOperation } from "../../operation.ts";
import { toUserPoolClientType } from "../../responses.ts";
import { buildClientConfig } from "./CreateUserPoolClient.ts";

/**
 * Replaces the client's settings: whatever the request leaves out returns to its default
 * (API reference, UpdateUserPoolClient: "If you don't provide a value for an attribute,
 * Amazon Cognito sets it to its default value"). The name is kept when left out; the secret
 * cannot change (developer guide, "Updating user pool and app client configuration").
 */
export default defineOperation<UpdateUserPoolClientRequest, UpdateUserPoolClientResponse>(
  "UpdateUserPoolClient",
  {
    auth: "iam",
    async handle(request, ctx) {
      await requirePool(ctx, request.UserPoolId!);
      const client = await requireClient(ctx, request.ClientId!, request.UserPoolId!);
      const { input, kept } = splitUpdate("UpdateUserPoolClientRequest", request, client.config, []);
      const { UserPoolId: _pool, ClientId: _id, ClientName, ...settings } = input;
      const updated = {
        ...client,
        name: ClientName ?? client.name,
        config: { ...kept, ...buildClientConfig(settings) },
        updatedAt: ctx.clock.nowMs(),
      };
      await ctx.store.clients.update(updated);
      return { UserPoolClient: toUserPoolClientType(updated) };
    },
  },
);

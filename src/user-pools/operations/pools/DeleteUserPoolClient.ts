import type { DeleteUserPoolClientRequest } from "@aws-sdk/client-cognito-identity-provider";
import { requireClient, requirePool } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";

export default defineOperation<DeleteUserPoolClientRequest, Record<string, never>>("DeleteUserPoolClient", {
  auth: "iam",
  async handle(input, ctx) {
    await requirePool(ctx, input.UserPoolId!);
    const client = await requireClient(ctx, input.ClientId!, input.UserPoolId!);
    await ctx.store.clients.delete(client.clientId);
    return {};
  },
});

import type { DeleteResourceServerRequest } from "@aws-sdk/client-cognito-identity-provider";
import { requirePool } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";
import { requireResourceServer } from "./resource-servers.ts";

/** Clients that list its scopes keep them in AllowedOAuthScopes; the token endpoint no longer grants them. */
export default defineOperation<DeleteResourceServerRequest, Record<string, never>>("DeleteResourceServer", {
  auth: "iam",
  async handle(input, ctx) {
    await requirePool(ctx, input.UserPoolId!);
    await requireResourceServer(ctx, input.UserPoolId!, input.Identifier!);
    await ctx.store.oauth.deleteResourceServer(input.UserPoolId!, input.Identifier!);
    return {};
  },
});

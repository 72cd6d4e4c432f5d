import type {
  UpdateResourceServerRequest,
  UpdateResourceServerResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { requirePool } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";
import { checkScopes, requireResourceServer } from "./resource-servers.ts";
import { toResourceServerType } from "./responses.ts";

/**
 * Replaces the name and the whole scope list: scopes left out are removed, as with Cognito's other
 * Update operations ("If you don't provide a value for an attribute, it is set to the default").
 */
export default defineOperation<UpdateResourceServerRequest, UpdateResourceServerResponse>(
  "UpdateResourceServer",
  {
    auth: "iam",
    async handle(input, ctx) {
      await requirePool(ctx, input.UserPoolId!);
      const rs = await requireResourceServer(ctx, input.UserPoolId!, input.Identifier!);
      const updated = {
        ...rs,
        name: input.Name!,
        scopes: checkScopes(input.Scopes),
        updatedAt: ctx.clock.nowMs(),
      };
      await ctx.store.oauth.updateResourceServer(updated);
      return { ResourceServer: toResourceServerType(updated) };
    },
  },
);

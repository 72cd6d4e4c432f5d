import type {
  CreateResourceServerRequest,
  CreateResourceServerResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { requirePool } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";
import { checkScopes } from "./resource-servers.ts";
import { toResourceServerType } from "./responses.ts";

/** A resource server and its custom scopes, `<Identifier>/<ScopeName>` (API reference, CreateResourceServer). */
export default defineOperation<CreateResourceServerRequest, CreateResourceServerResponse>(
  "CreateResourceServer",
  {
    auth: "iam",
    async handle(input, ctx) {
      await requirePool(ctx, input.UserPoolId!);
      const now = ctx.clock.nowMs();
      const rs = {
        poolId: input.UserPoolId!,
        identifier: input.Identifier!,
        name: input.Name!,
        scopes: checkScopes(input.Scopes),
        createdAt: now,
        updatedAt: now,
      };
      if (!(await ctx.store.oauth.createResourceServer(rs))) {
        throw new ServiceError(
          "InvalidParameterException",
          `${rs.identifier} already exists in user pool ${rs.poolId}.`,
        );
      }
      return { ResourceServer: toResourceServerType(rs) };
    },
  },
);

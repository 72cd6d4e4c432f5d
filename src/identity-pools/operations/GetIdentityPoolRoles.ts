import type {
  GetIdentityPoolRolesInput,
  GetIdentityPoolRolesResponse,
} from "@aws-sdk/client-cognito-identity";
import { poolRoles, requireIdentityPool } from "../domain/pools.ts";
import { defineIdentityOperation } from "../operation.ts";

export default defineIdentityOperation<GetIdentityPoolRolesInput, GetIdentityPoolRolesResponse>(
  "GetIdentityPoolRoles",
  {
    auth: "iam",
    async handle(input, ctx) {
      const pool = await requireIdentityPool(ctx, input.IdentityPoolId!);
      const { Roles, RoleMappings } = poolRoles(pool);
      const out: GetIdentityPoolRolesResponse = { IdentityPoolId: pool.id, Roles: Roles ?? {} };
      if (RoleMappings) out.RoleMappings = RoleMappings;
      return out;
    },
  },
);

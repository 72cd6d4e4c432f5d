import type { RoleMapping, SetIdentityPoolRolesInput } from "@aws-sdk/client-cognito-identity";
import { ServiceError } from "../../protocol/aws-json/errors.ts";
import { userPoolIdOf } from "../domain/logins.ts";
import { type PoolRoles, requireIdentityPool, roleMappingKey } from "../domain/pools.ts";
import { defineIdentityOperation } from "../operation.ts";

export default defineIdentityOperation<SetIdentityPoolRolesInput, Record<string, never>>(
  "SetIdentityPoolRoles",
  {
    auth: "iam",
    async handle(input, ctx) {
      return ctx.store.transaction(async (tx) => {
        const pool = await requireIdentityPool({ store: tx }, input.IdentityPoolId!);
        const mappings: Record<string, RoleMapping> = {};
        for (const [key, mapping] of Object.entries(input.RoleMappings ?? {})) {
          const canonical = roleMappingKey(pool, key, (n) => userPoolIdOf(n, ctx.services));
          // Cognito's wording for a key that names no provider of the pool (aws/aws-cdk#7670).
          if (!canonical)
            throw new ServiceError(
              "InvalidParameterException",
              `${key} is not a valid RoleMapping ProviderName or is not a configured provider.`,
            );
          checkMapping(key, mapping);
          mappings[canonical] = mapping;
        }
        const roles: PoolRoles = { Roles: input.Roles! };
        if (Object.keys(mappings).length) roles.RoleMappings = mappings;
        await tx.identityPools.updatePool({
          ...pool,
          roles: roles as Record<string, unknown>,
          updatedAt: ctx.clock.nowMs(),
        });
        return {};
      });
    },
  },
);

/** "If you specify Token or Rules as the Type, AmbiguousRoleResolution is required"; Rules need RulesConfiguration (RoleMapping, API reference). */
function checkMapping(key: string, m: RoleMapping): void {
  if (!m.AmbiguousRoleResolution) {
    throw new ServiceError(
      "InvalidParameterException",
      `AmbiguousRoleResolution must be specified for the RoleMapping of ${key}.`,
    );
  }
  if (m.Type === "Rules" && !m.RulesConfiguration?.Rules?.length) {
    throw new ServiceError(
      "InvalidParameterException",
      `RulesConfiguration must be specified for the Rules RoleMapping of ${key}.`,
    );
  }
}

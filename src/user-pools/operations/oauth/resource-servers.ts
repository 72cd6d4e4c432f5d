import type { ResourceServerScopeType } from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import type { ResourceServerRecord, ResourceServerScope } from "../../../storage/repositories/oauth.ts";
import type { OperationContext } from "../../operation.ts";

/** Loads a resource server or throws ResourceNotFoundException. */
export async function requireResourceServer(
  ctx: Pick<OperationContext, "store">,
  poolId: string,
  identifier: string,
): Promise<ResourceServerRecord> {
  const rs = await ctx.store.oauth.getResourceServer(poolId, identifier);
  if (!rs)
    throw new ServiceError("ResourceNotFoundException", `Resource server ${identifier} does not exist.`);
  return rs;
}

/** The scopes as given; a scope name may appear once (custom scopes are `<identifier>/<ScopeName>`). */
export function checkScopes(scopes: ResourceServerScopeType[] | undefined): ResourceServerScope[] {
  const out = (scopes ?? []).map((s) => ({ ScopeName: s.ScopeName!, ScopeDescription: s.ScopeDescription! }));
  const seen = new Set<string>();
  for (const s of out) {
    if (seen.has(s.ScopeName))
      throw new ServiceError("InvalidParameterException", `Duplicate scope name ${s.ScopeName}.`);
    seen.add(s.ScopeName);
  }
  return out;
}

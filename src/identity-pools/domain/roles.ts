import type { MappingRule, RoleMapping } from "@aws-sdk/client-cognito-identity";
import { ServiceError } from "../../protocol/aws-json/errors.ts";
import type { IdentityPoolRecord } from "../../storage/repositories/identity-pools.ts";
import type { VerifiedLogin } from "./logins.ts";
import { poolRoles } from "./pools.ts";

// Cognito's wording (aws-amplify/amplify-js#8644, amazon-archives/amazon-cognito-auth-js#196).
const noRole = () =>
  new ServiceError(
    "InvalidIdentityPoolConfigurationException",
    "Invalid identity pool configuration. Check assigned IAM roles for this pool.",
  );
const denied = (provider: string) =>
  new ServiceError(
    "NotAuthorizedException",
    `The ambiguous role mapping rules for: ${provider} denied this request.`,
  );

/**
 * The role GetCredentialsForIdentity assumes, as the developer guide's "Using role-based access
 * control" describes it:
 * - guests get the unauthenticated role;
 * - the first login with a role mapping decides: Token uses `CustomRoleArn` if it is one of
 *   `cognito:roles` (otherwise deny), then `cognito:preferred_role`; Rules use the first matching
 *   rule (or `CustomRoleArn` when a matching rule names it); when nothing decides,
 *   AmbiguousRoleResolution picks the authenticated role or denies;
 * - without a mapping, the authenticated role.
 */
export function resolveRole(
  pool: IdentityPoolRecord,
  logins: VerifiedLogin[] | "unauthenticated",
  customRoleArn?: string,
): string {
  const { Roles = {}, RoleMappings = {} } = poolRoles(pool);
  const fallback = () => {
    const role = Roles[logins === "unauthenticated" ? "unauthenticated" : "authenticated"];
    if (!role) throw noRole();
    return role;
  };
  if (logins === "unauthenticated") return fallback();
  for (const login of logins) {
    const key = login.roleMappingKeys.find((k) => RoleMappings[k]);
    const mapping = key ? RoleMappings[key] : undefined;
    if (!mapping) continue;
    const chosen =
      mapping.Type === "Token" ? fromToken(login, customRoleArn) : fromRules(mapping, login, customRoleArn);
    if (chosen === "deny") throw denied(login.provider);
    if (chosen) return chosen;
    if (mapping.AmbiguousRoleResolution === "AuthenticatedRole") return fallback();
    throw denied(login.provider);
  }
  return fallback();
}

/** A role, "deny", or undefined when ambiguous. */
function fromToken(login: VerifiedLogin, customRoleArn?: string): string | "deny" | undefined {
  const raw = login.claims["cognito:roles"];
  // An array in ID tokens; the developer guide calls it a comma-separated string, so accept both.
  const roles = Array.isArray(raw)
    ? raw.map(String)
    : typeof raw === "string"
      ? raw.split(",").map((r) => r.trim())
      : [];
  if (customRoleArn) return roles.includes(customRoleArn) ? customRoleArn : "deny";
  const preferred = login.claims["cognito:preferred_role"];
  if (typeof preferred === "string") return preferred;
  return undefined;
}

function fromRules(
  mapping: RoleMapping,
  login: VerifiedLogin,
  customRoleArn?: string,
): string | "deny" | undefined {
  const matching = (mapping.RulesConfiguration?.Rules ?? []).filter((r) =>
    matches(r, login.claims[r.Claim!]),
  );
  if (matching.length === 0) return undefined;
  if (customRoleArn) return matching.some((r) => r.RoleARN === customRoleArn) ? customRoleArn : "deny";
  return matching[0]!.RoleARN;
}

/** A claim may be a string, a boolean, a number or a list (cognito:groups); a list matches when any member does. */
function matches(rule: MappingRule, claim: unknown): boolean {
  // "If the match type is NotEqual and the claim doesn't exist, the rule is not evaluated."
  if (claim === undefined || claim === null) return false;
  const values = (Array.isArray(claim) ? claim : [claim]).map(String);
  const v = rule.Value ?? "";
  switch (rule.MatchType) {
    case "Equals":
      return values.some((x) => x === v);
    case "NotEqual":
      return values.every((x) => x !== v);
    case "StartsWith":
      return values.some((x) => x.startsWith(v));
    case "Contains":
      return values.some((x) => x.includes(v));
    default:
      return false;
  }
}

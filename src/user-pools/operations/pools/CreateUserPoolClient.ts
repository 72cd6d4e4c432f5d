import type {
  CreateUserPoolClientRequest,
  CreateUserPoolClientResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { LOWER_ALNUM } from "../../../runtime/random.ts";
import type { ClientConfig } from "../../domain/pools.ts";
import { requirePool } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";
import { toUserPoolClientType } from "../../responses.ts";

export default defineOperation<CreateUserPoolClientRequest, CreateUserPoolClientResponse>(
  "CreateUserPoolClient",
  {
    auth: "iam",
    async handle(input, ctx) {
      await requirePool(ctx, input.UserPoolId!);
      const now = ctx.clock.nowMs();
      const client = {
        // 26 lowercase alphanumerics, and a 51-character secret, as Cognito issues them.
        clientId: ctx.random.string(26, LOWER_ALNUM),
        poolId: input.UserPoolId!,
        name: input.ClientName!,
        secret: input.GenerateSecret ? ctx.random.string(51, LOWER_ALNUM) : null,
        config: buildClientConfig(input) as Record<string, unknown>,
        createdAt: now,
        updatedAt: now,
      };
      await ctx.store.clients.create(client);
      return { UserPoolClient: toUserPoolClientType(client) };
    },
  },
);

const LEGACY_FLOWS = ["ADMIN_NO_SRP_AUTH", "CUSTOM_AUTH_FLOW_ONLY", "USER_PASSWORD_AUTH"];
const unitSeconds = { seconds: 1, minutes: 60, hours: 3600, days: 86400 } as const;

/**
 * Applies Cognito's client defaults (API reference, CreateUserPoolClient): ExplicitAuthFlows
 * ALLOW_REFRESH_TOKEN_AUTH, ALLOW_USER_SRP_AUTH, ALLOW_CUSTOM_AUTH; refresh 30 days; access and
 * ID 60 minutes; PreventUserExistenceErrors LEGACY; token revocation on. Shared with UpdateUserPoolClient.
 */
export function buildClientConfig(
  input: Omit<CreateUserPoolClientRequest, "UserPoolId" | "ClientName" | "GenerateSecret">,
): ClientConfig {
  const flows = input.ExplicitAuthFlows ?? [
    "ALLOW_REFRESH_TOKEN_AUTH",
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_CUSTOM_AUTH",
  ];
  const legacy = flows.filter((f) => LEGACY_FLOWS.includes(f));
  if (legacy.length > 0 && legacy.length !== flows.length) {
    throw new ServiceError(
      "InvalidParameterException",
      "The ExplicitAuthFlows parameter cannot contain both legacy (ADMIN_NO_SRP_AUTH, CUSTOM_AUTH_FLOW_ONLY, USER_PASSWORD_AUTH) and new (ALLOW_*) values.",
    );
  }
  const units = {
    AccessToken:
      input.TokenValidityUnits?.AccessToken ??
      (input.AccessTokenValidity !== undefined ? "hours" : "minutes"),
    IdToken: input.TokenValidityUnits?.IdToken ?? (input.IdTokenValidity !== undefined ? "hours" : "minutes"),
    RefreshToken: input.TokenValidityUnits?.RefreshToken ?? "days",
  } as const;
  const access = input.AccessTokenValidity ?? 60;
  const id = input.IdTokenValidity ?? 60;
  const refresh = input.RefreshTokenValidity ?? 30;
  const secs = (v: number, u: keyof typeof unitSeconds) => v * unitSeconds[u];
  const inRange = (s: number, min: number, max: number) => s >= min && s <= max;
  if (
    !inRange(secs(access, units.AccessToken), 300, 86400) ||
    !inRange(secs(id, units.IdToken), 300, 86400)
  ) {
    throw new ServiceError("InvalidParameterException", "Invalid range for token validity.");
  }
  if (!inRange(secs(refresh, units.RefreshToken), 3600, 315360000)) {
    throw new ServiceError("InvalidParameterException", "Invalid range for token validity.");
  }
  if (
    secs(refresh, units.RefreshToken) < secs(access, units.AccessToken) ||
    secs(refresh, units.RefreshToken) < secs(id, units.IdToken)
  ) {
    throw new ServiceError(
      "InvalidParameterException",
      "Refresh token validity must be greater than the access and ID token validity.",
    );
  }
  const cfg: ClientConfig = {
    RefreshTokenValidity: refresh,
    AccessTokenValidity: access,
    IdTokenValidity: id,
    TokenValidityUnits: units,
    ExplicitAuthFlows: flows,
    AllowedOAuthFlowsUserPoolClient: input.AllowedOAuthFlowsUserPoolClient ?? false,
    PreventUserExistenceErrors: input.PreventUserExistenceErrors ?? "LEGACY",
    EnableTokenRevocation: input.EnableTokenRevocation ?? true,
    EnablePropagateAdditionalUserContextData: input.EnablePropagateAdditionalUserContextData ?? false,
    AuthSessionValidity: input.AuthSessionValidity ?? 3,
  };
  const optional = [
    "ReadAttributes",
    "WriteAttributes",
    "SupportedIdentityProviders",
    "CallbackURLs",
    "LogoutURLs",
    "DefaultRedirectURI",
    "AllowedOAuthFlows",
    "AllowedOAuthScopes",
    "AnalyticsConfiguration",
    "RefreshTokenRotation",
  ] as const;
  for (const k of optional) if (input[k] !== undefined) (cfg as Record<string, unknown>)[k] = input[k];
  if (cfg.DefaultRedirectURI && !(cfg.CallbackURLs ?? []).includes(cfg.DefaultRedirectURI)) {
    throw new ServiceError(
      "InvalidParameterException",
      "DefaultRedirectURI must be one of the CallbackURLs.",
    );
  }
  return cfg;
}

import type {
  GetUserPoolMfaConfigResponse,
  SetUserPoolMfaConfigRequest,
  WebAuthnConfigurationType,
} from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import type { PoolRecord } from "../../../storage/records.ts";
import { type PoolMfaConfig, poolMfa } from "../../auth/mfa/settings.ts";
import { poolConfig } from "../../domain/pools.ts";

type StoredMfaConfig = PoolMfaConfig & {
  SmsAuthenticationMessage?: string;
  WebAuthnConfiguration?: WebAuthnConfigurationType;
};

/** GetUserPoolMfaConfig's answer (and SetUserPoolMfaConfig's) from the pool's stored settings. */
export function mfaConfigResponse(pool: PoolRecord): GetUserPoolMfaConfigResponse {
  const cfg = pool.config as StoredMfaConfig;
  const mfa = poolMfa(pool);
  return {
    MfaConfiguration: mfa.mode,
    SoftwareTokenMfaConfiguration: { Enabled: mfa.totp },
    ...(mfa.sms
      ? {
          SmsMfaConfiguration: {
            ...(cfg.SmsAuthenticationMessage
              ? { SmsAuthenticationMessage: cfg.SmsAuthenticationMessage }
              : {}),
            ...(cfg.SmsConfiguration ? { SmsConfiguration: cfg.SmsConfiguration } : {}),
          },
        }
      : {}),
    ...(mfa.email ? { EmailMfaConfiguration: cfg.EmailMfaConfiguration } : {}),
    ...(cfg.WebAuthnConfiguration ? { WebAuthnConfiguration: cfg.WebAuthnConfiguration } : {}),
  };
}

const invalid = (message: string) => new ServiceError("InvalidParameterException", message);

/**
 * The pool settings after SetUserPoolMfaConfig. The request states the whole MFA configuration:
 * a factor block it leaves out is turned off (aws/aws-sdk-js#4186). Cognito's rules, measured
 * against the live service (go-to-k/cdkd#1923, aws/aws-sdk-js#4186): OFF with any factor block
 * is refused, ON or OPTIONAL with no factor is refused; WebAuthnConfiguration is independent.
 * Email MFA needs the Essentials tier or higher (API reference, EmailMfaConfigType).
 */
export function applyMfaConfig(
  pool: PoolRecord,
  input: SetUserPoolMfaConfigRequest,
): Record<string, unknown> {
  const mode = input.MfaConfiguration ?? poolMfa(pool).mode;
  const sms = input.SmsMfaConfiguration;
  const totp = input.SoftwareTokenMfaConfiguration?.Enabled === true;
  const email = input.EmailMfaConfiguration;
  if (mode === "OFF" && (sms || totp || email)) {
    throw invalid("Invalid MFA configuration given, can't turn off MFA and configure an MFA together.");
  }
  if (mode !== "OFF" && !sms && !totp && !email) {
    throw invalid(
      "Invalid MFA configuration given, can't disable all MFAs with a required or optional configuration.",
    );
  }
  if (sms && !sms.SmsConfiguration && !(pool.config as StoredMfaConfig).SmsConfiguration) {
    // Measured against the live service (floci-io/floci#2831).
    throw invalid("Invalid SMS MFA configuration given, external id and a valid caller arn are required");
  }
  const tier = poolConfig(pool).UserPoolTier ?? "ESSENTIALS";
  if (email && tier === "LITE") {
    // The wording Cognito uses for other tier conflicts (hashicorp/terraform-provider-aws#40734).
    throw new ServiceError(
      "FeatureUnavailableInTierException",
      "The following features need to be disabled for the LITE pricing tier configured: Email MFA",
    );
  }
  const { SmsMfaConfiguration: _s, EmailMfaConfiguration: _e, ...rest } = pool.config as StoredMfaConfig;
  const next: StoredMfaConfig = {
    ...rest,
    MfaConfiguration: mode,
    SoftwareTokenMfaConfiguration: { Enabled: totp },
  };
  if (sms) {
    next.SmsMfaConfiguration = sms;
    // The SMS message and SNS settings are the pool's own (API reference, SmsMfaConfigType).
    if (sms.SmsAuthenticationMessage) next.SmsAuthenticationMessage = sms.SmsAuthenticationMessage;
    if (sms.SmsConfiguration) next.SmsConfiguration = sms.SmsConfiguration;
  }
  if (email) next.EmailMfaConfiguration = email;
  if (input.WebAuthnConfiguration) next.WebAuthnConfiguration = input.WebAuthnConfiguration;
  return next as Record<string, unknown>;
}

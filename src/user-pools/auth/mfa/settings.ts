import type {
  EmailMfaConfigType,
  MFAOptionType,
  SmsMfaConfigType,
  SoftwareTokenMfaConfigType,
  UserPoolMfaType,
} from "@aws-sdk/client-cognito-identity-provider";
import type { PoolRecord, UserMfaSettings, UserRecord } from "../../../storage/records.ts";
import type { OperationContext } from "../../operation.ts";

/** The MFA factors of UserMFASettingList / PreferredMfaSetting, in Cognito's order. */
export const MFA_FACTORS = ["SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP"] as const;
export type MfaFactor = (typeof MFA_FACTORS)[number];

/**
 * A user's MFA state, kept as JSON in `users.mfa`. GetUser and AdminGetUser read `enabled`
 * (UserMFASettingList), `preferred` (PreferredMfaSetting) and `mfaOptions` (the legacy
 * MFAOptions that SetUserSettings writes).
 */
export interface MfaState extends UserMfaSettings {
  enabled?: MfaFactor[];
  preferred?: MfaFactor;
  mfaOptions?: MFAOptionType[];
  /** The verified TOTP secret (base32); present only once VerifySoftwareToken accepted a code for it. */
  totpSecret?: string;
  /** A secret from AssociateSoftwareToken awaiting VerifySoftwareToken; the verified one stays in use until then. */
  totpPendingSecret?: string;
  /** The last RFC 6238 time step accepted for this user; codes of that step or earlier are refused. */
  totpLastStep?: number;
  /** VerifySoftwareToken's FriendlyDeviceName, sent back as the challenge's FRIENDLY_DEVICE_NAME. */
  totpFriendlyName?: string;
}

export const mfaOf = (user: UserRecord): MfaState => user.mfa as MfaState;

/** The legacy MFAOptions entry for SMS to phone_number, the only one Cognito accepts. */
export const SMS_MFA_OPTION: MFAOptionType = { DeliveryMedium: "SMS", AttributeName: "phone_number" };

/** The factors the user turned on, through SetUserMFAPreference or (SMS) the legacy SetUserSettings. */
export function enabledFactors(mfa: MfaState): MfaFactor[] {
  const on = new Set<MfaFactor>(mfa.enabled ?? []);
  if (mfa.mfaOptions?.some((o) => o.DeliveryMedium === "SMS")) on.add("SMS_MFA");
  return MFA_FACTORS.filter((f) => on.has(f));
}

/** Stores a user's new MFA state. */
export async function saveMfa(ctx: OperationContext, user: UserRecord, mfa: MfaState): Promise<UserRecord> {
  const now = ctx.clock.nowMs();
  await ctx.store.users.update(user.id, { mfa }, now);
  return { ...user, mfa, updatedAt: now };
}

/** The pool's MFA settings as SetUserPoolMfaConfig keeps them in the pool's config. */
export interface PoolMfaConfig {
  MfaConfiguration?: UserPoolMfaType;
  SoftwareTokenMfaConfiguration?: SoftwareTokenMfaConfigType;
  SmsMfaConfiguration?: SmsMfaConfigType;
  EmailMfaConfiguration?: EmailMfaConfigType;
  SmsConfiguration?: SmsMfaConfigType["SmsConfiguration"];
}

export interface PoolMfa {
  mode: UserPoolMfaType;
  sms: boolean;
  totp: boolean;
  email: boolean;
}

/**
 * The pool's MFA mode and the factors it offers. Once SetUserPoolMfaConfig has run (it always
 * stores SoftwareTokenMfaConfiguration) its factor blocks decide; before that, a pool created with
 * MFA ON or OPTIONAL and an SmsConfiguration offers SMS, as CreateUserPool set MFA up before
 * SetUserPoolMfaConfig existed.
 */
export function poolMfa(pool: PoolRecord): PoolMfa {
  const cfg = pool.config as PoolMfaConfig;
  const mode = cfg.MfaConfiguration ?? "OFF";
  if (cfg.SoftwareTokenMfaConfiguration !== undefined) {
    return {
      mode,
      sms: cfg.SmsMfaConfiguration !== undefined,
      totp: cfg.SoftwareTokenMfaConfiguration.Enabled === true,
      email: cfg.EmailMfaConfiguration !== undefined,
    };
  }
  return { mode, sms: mode !== "OFF" && cfg.SmsConfiguration !== undefined, totp: false, email: false };
}

/**
 * Whether this user can receive or answer `factor` now: SMS needs a phone_number and the pool's
 * SMS MFA, EMAIL_OTP an email and the pool's email MFA, TOTP a verified token (which keeps working
 * after the pool turns TOTP off: developer guide, "TOTP software token MFA").
 */
export function canUse(pool: PoolMfa, user: UserRecord, factor: MfaFactor): boolean {
  if (factor === "SMS_MFA") return pool.sms && !!user.attributes.phone_number;
  if (factor === "EMAIL_OTP") return pool.email && !!user.attributes.email;
  return !!mfaOf(user).totpSecret;
}

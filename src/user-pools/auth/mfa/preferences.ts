import type {
  EmailMfaSettingsType,
  MFAOptionType,
  SMSMfaSettingsType,
  SoftwareTokenMfaSettingsType,
} from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import type { UserRecord } from "../../../storage/records.ts";
import type { OperationContext } from "../../operation.ts";
import {
  enabledFactors,
  MFA_FACTORS,
  type MfaFactor,
  type MfaState,
  mfaOf,
  SMS_MFA_OPTION,
  saveMfa,
} from "./settings.ts";

export interface MfaPreference {
  SMSMfaSettings?: SMSMfaSettingsType;
  SoftwareTokenMfaSettings?: SoftwareTokenMfaSettingsType;
  EmailMfaSettings?: EmailMfaSettingsType;
}

const invalid = (message: string) => new ServiceError("InvalidParameterException", message);

/**
 * Why `factor` cannot be turned on for this user, in Cognito's words: SMS needs a phone_number,
 * email an email, TOTP a verified software token (aws/aws-sdk-js-v3#4645 for a user with no
 * token, aws-amplify/amplify-js#1343 for one associated but not verified).
 */
function assertCanEnable(user: UserRecord, mfa: MfaState, factor: MfaFactor): void {
  const noDelivery = () => invalid(`User does not have delivery config set to turn on ${factor}`);
  if (factor === "SMS_MFA" && !user.attributes.phone_number) throw noDelivery();
  if (factor === "EMAIL_OTP" && !user.attributes.email) throw noDelivery();
  if (factor === "SOFTWARE_TOKEN_MFA" && !mfa.totpSecret) {
    if (mfa.totpPendingSecret) throw invalid("User has not verified software token mfa");
    throw noDelivery();
  }
}

/**
 * SetUserMFAPreference and AdminSetUserMFAPreference: turns factors on or off and sets the
 * preferred one. A factor left out stays as it was; PreferredMfa implies Enabled; at most one
 * factor can be preferred (API reference, SetUserMFAPreference: "Only one factor can be set as
 * preferred"). Turning SMS on or off also sets the legacy MFAOptions, as Cognito reports both.
 */
export async function setMfaPreference(
  ctx: OperationContext,
  user: UserRecord,
  pref: MfaPreference,
): Promise<void> {
  const settings: [MfaFactor, SMSMfaSettingsType | undefined][] = [
    ["SMS_MFA", pref.SMSMfaSettings],
    ["SOFTWARE_TOKEN_MFA", pref.SoftwareTokenMfaSettings],
    ["EMAIL_OTP", pref.EmailMfaSettings],
  ];
  const preferredNow = settings.filter(([, s]) => s?.PreferredMfa === true).map(([f]) => f);
  if (preferredNow.length > 1) throw invalid("Only one MFA method can be set as preferred.");
  const mfa = mfaOf(user);
  const enabled = new Set<MfaFactor>(enabledFactors(mfa));
  let preferred = mfa.preferred;
  for (const [factor, s] of settings) {
    if (!s) continue;
    const on = s.Enabled ?? (s.PreferredMfa === true ? true : undefined);
    if (on === true) {
      assertCanEnable(user, mfa, factor);
      enabled.add(factor);
    } else if (on === false) enabled.delete(factor);
    if (s.PreferredMfa === true && on !== false) preferred = factor;
    else if ((s.PreferredMfa !== undefined || on === false) && preferred === factor) preferred = undefined;
  }
  const next: MfaState = { ...mfa, enabled: MFA_FACTORS.filter((f) => enabled.has(f)) };
  if (preferred) next.preferred = preferred;
  else delete next.preferred;
  if (enabled.has("SMS_MFA")) next.mfaOptions = [SMS_MFA_OPTION];
  else delete next.mfaOptions;
  await saveMfa(ctx, user, next);
}

/**
 * SetUserSettings and AdminSetUserSettings, the legacy way to turn SMS MFA on (one MFAOptions
 * entry) or off (an empty list). Only SMS to phone_number is accepted (aws-amplify/aws-sdk-ios#382).
 */
export async function setMfaOptions(
  ctx: OperationContext,
  user: UserRecord,
  options: MFAOptionType[],
): Promise<void> {
  for (const o of options) {
    if (
      o.AttributeName !== "phone_number" ||
      (o.DeliveryMedium !== undefined && o.DeliveryMedium !== "SMS")
    ) {
      throw invalid("Only phone_number attribute is currently supported as a MFA option.");
    }
  }
  const mfa = mfaOf(user);
  const next: MfaState = { ...mfa };
  if (options.length > 0) {
    assertCanEnable(user, mfa, "SMS_MFA");
    next.mfaOptions = [SMS_MFA_OPTION];
  } else {
    delete next.mfaOptions;
    next.enabled = (mfa.enabled ?? []).filter((f) => f !== "SMS_MFA");
    if (next.preferred === "SMS_MFA") delete next.preferred;
  }
  await saveMfa(ctx, user, next);
}

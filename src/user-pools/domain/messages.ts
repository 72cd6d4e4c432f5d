import type { PoolRecord, UserRecord } from "../../storage/records.ts";
import { fillTemplate } from "./codes.ts";
import { poolConfig } from "./pools.ts";

/** Cognito's default texts (developer guide, "Customizing email verification messages" and "invitation messages"). */
export const DEFAULTS = {
  verificationEmailSubject: "Your verification code",
  verificationEmail: "Your verification code is {####}. ",
  verificationSms: "Your verification code is {####}. ",
  inviteEmailSubject: "Your temporary password",
  inviteEmail: "Your username is {username} and temporary password is {####}. ",
  inviteSms: "Your username is {username} and temporary password is {####}. ",
  otpEmailSubject: "Your sign-in code",
  otpEmail: "Your authentication code is {####}. ",
  otpSms: "Your authentication code is {####}. ",
};

/** The verification message (sign-up, attribute verification, forgot password) from the pool's template. */
export function verificationMessage(pool: PoolRecord, user: UserRecord, code: string) {
  const cfg = poolConfig(pool);
  const t = cfg.VerificationMessageTemplate ?? {};
  return {
    subject: t.EmailSubject ?? cfg.EmailVerificationSubject ?? DEFAULTS.verificationEmailSubject,
    emailBody: fillTemplate(t.EmailMessage ?? cfg.EmailVerificationMessage ?? DEFAULTS.verificationEmail, {
      code,
      username: user.username,
    }),
    smsBody: fillTemplate(t.SmsMessage ?? cfg.SmsVerificationMessage ?? DEFAULTS.verificationSms, {
      code,
      username: user.username,
    }),
    code,
  };
}

/** The invitation AdminCreateUser sends with a temporary password. */
export function invitationMessage(pool: PoolRecord, user: UserRecord, password: string) {
  const t = poolConfig(pool).AdminCreateUserConfig?.InviteMessageTemplate ?? {};
  return {
    subject: t.EmailSubject ?? DEFAULTS.inviteEmailSubject,
    emailBody: fillTemplate(t.EmailMessage ?? DEFAULTS.inviteEmail, {
      code: password,
      username: user.username,
    }),
    smsBody: fillTemplate(t.SMSMessage ?? DEFAULTS.inviteSms, { code: password, username: user.username }),
    code: password,
  };
}

/** The one-time sign-in code message (EMAIL_OTP, SMS_OTP). */
export function otpMessage(pool: PoolRecord, code: string) {
  // EmailMfaConfiguration is set with SetUserPoolMfaConfig and kept in the pool's settings.
  const email = (pool.config as { EmailMfaConfiguration?: { Message?: string; Subject?: string } })
    .EmailMfaConfiguration;
  return {
    subject: email?.Subject ?? DEFAULTS.otpEmailSubject,
    emailBody: fillTemplate(email?.Message ?? DEFAULTS.otpEmail, { code }),
    smsBody: fillTemplate(poolConfig(pool).SmsAuthenticationMessage ?? DEFAULTS.otpSms, { code }),
    code,
  };
}

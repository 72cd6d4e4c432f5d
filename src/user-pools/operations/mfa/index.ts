import type { Operation } from "../../operation.ts";
import AdminSetUserMFAPreference from "./AdminSetUserMFAPreference.ts";
import AdminSetUserSettings from "./AdminSetUserSettings.ts";
import AssociateSoftwareToken from "./AssociateSoftwareToken.ts";
import GetUserPoolMfaConfig from "./GetUserPoolMfaConfig.ts";
import SetUserMFAPreference from "./SetUserMFAPreference.ts";
import SetUserPoolMfaConfig from "./SetUserPoolMfaConfig.ts";
import SetUserSettings from "./SetUserSettings.ts";
import VerifySoftwareToken from "./VerifySoftwareToken.ts";

/** Multi-factor authentication: the pool's MFA configuration, TOTP setup and users' MFA preferences. */
export const mfaOperations: Operation[] = [
  SetUserPoolMfaConfig,
  GetUserPoolMfaConfig,
  AssociateSoftwareToken,
  VerifySoftwareToken,
  SetUserMFAPreference,
  AdminSetUserMFAPreference,
  SetUserSettings,
  AdminSetUserSettings,
];

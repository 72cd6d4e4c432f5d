import { adminNoSrpAuth, adminUserPasswordAuth, userPasswordAuth } from "./password.ts";
import { refreshTokenAuth, refreshTokenLegacy } from "./refresh-token.ts";
import type { AuthFlow } from "./types.ts";
import { userAuth } from "./user-auth.ts";
import { userSrpAuth } from "./user-srp.ts";

/**
 * Sign-in flows by AuthFlow value. Modeled flows missing here (CUSTOM_AUTH)
 * answer NotImplementedException until #3.
 */
export const authFlows: Readonly<Record<string, AuthFlow>> = Object.fromEntries(
  [
    userPasswordAuth,
    adminUserPasswordAuth,
    adminNoSrpAuth,
    refreshTokenAuth,
    refreshTokenLegacy,
    userAuth,
    userSrpAuth,
  ].map((f) => [f.flow, f]),
);

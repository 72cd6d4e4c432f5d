import type { Operation } from "../../operation.ts";
import AdminGetUserAuthFactors from "./AdminGetUserAuthFactors.ts";
import CompleteWebAuthnRegistration from "./CompleteWebAuthnRegistration.ts";
import DeleteWebAuthnCredential from "./DeleteWebAuthnCredential.ts";
import GetUserAuthFactors from "./GetUserAuthFactors.ts";
import ListWebAuthnCredentials from "./ListWebAuthnCredentials.ts";
import StartWebAuthnRegistration from "./StartWebAuthnRegistration.ts";

/** Passkeys (WebAuthn) of the signed-in user, and the sign-in factors a user has. */
export const webauthnOperations: Operation[] = [
  StartWebAuthnRegistration,
  CompleteWebAuthnRegistration,
  ListWebAuthnCredentials,
  DeleteWebAuthnCredential,
  GetUserAuthFactors,
  AdminGetUserAuthFactors,
];

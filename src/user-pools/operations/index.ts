import type { Operation } from "../operation.ts";
import { authOperations } from "./auth/index.ts";
import { clientSecretOperations } from "./client-secrets/index.ts";
import { deviceOperations } from "./devices/index.ts";
import { groupOperations } from "./groups/index.ts";
import { identityProviderOperations } from "./identity-providers/index.ts";
import { userImportOperations } from "./import/index.ts";
import { mfaOperations } from "./mfa/index.ts";
import { miscOperations } from "./misc/index.ts";
import { oauthOperations } from "./oauth/index.ts";
import { poolOperations } from "./pools/index.ts";
import { selfServiceOperations } from "./self-service/index.ts";
import { signedInOperations } from "./signed-in/index.ts";
import { userOperations } from "./users/index.ts";
import { webauthnOperations } from "./webauthn/index.ts";

/**
 * Every implemented User Pools operation, keyed by wire name. Modeled operations
 * missing here answer NotImplementedException (HTTP 501); docs/compatibility.md
 * lists each one's status and test/docs.test.ts keeps the two in step.
 */
export const userPoolOperations: Readonly<Record<string, Operation>> = Object.freeze(
  Object.fromEntries(
    [
      ...poolOperations,
      ...userOperations,
      ...selfServiceOperations,
      ...groupOperations,
      ...authOperations,
      ...signedInOperations,
      ...oauthOperations,
      ...deviceOperations,
      ...mfaOperations,
      ...webauthnOperations,
      ...identityProviderOperations,
      ...miscOperations,
      ...clientSecretOperations,
      ...userImportOperations,
    ].map((op) => [op.name, op]),
  ),
);

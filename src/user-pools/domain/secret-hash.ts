import { createHmac, timingSafeEqual } from "node:crypto";
import { ServiceError } from "../../protocol/aws-json/errors.ts";
import type { ClientRecord } from "../../storage/records.ts";
import { clientSecrets } from "./client-secrets.ts";

/** Base64(HMAC-SHA256(key = client secret, message = username + clientId)), as Cognito defines SECRET_HASH. */
export function computeSecretHash(secret: string, username: string, clientId: string): string {
  return createHmac("sha256", secret)
    .update(username + clientId)
    .digest("base64");
}

/**
 * Checks SECRET_HASH for clients that have a secret (developer guide, "Computing secret hash values").
 * `usernames` lists the names the hash may have been computed over (what the user typed, the stored username).
 */
export function checkSecretHash(
  client: ClientRecord,
  usernames: string | string[],
  secretHash: string | undefined,
): void {
  if (!client.secret) return;
  if (!secretHash) {
    throw new ServiceError(
      "NotAuthorizedException",
      `Client ${client.clientId} is configured with secret but SECRET_HASH was not received`,
    );
  }
  const given = Buffer.from(secretHash);
  // Any of the client's current secrets will do (AddUserPoolClientSecret: rotation without downtime).
  const ok = clientSecrets(client).some((secret) =>
    (Array.isArray(usernames) ? usernames : [usernames]).some((u) => {
      const want = Buffer.from(computeSecretHash(secret.value, u, client.clientId));
      return want.length === given.length && timingSafeEqual(want, given);
    }),
  );
  if (!ok)
    throw new ServiceError(
      "NotAuthorizedException",
      `Unable to verify secret hash for client ${client.clientId}`,
    );
}

import { timingSafeEqual } from "node:crypto";
import type { ClientRecord, ClientSecretRecord } from "../../storage/records.ts";

/** At most two secrets per app client (API reference, AddUserPoolClientSecret). */
export const MAX_CLIENT_SECRETS = 2;

/**
 * The client's current secrets, oldest first. A client that never used the secrets API has just
 * its original `secret`, whose id follows Cognito's `<client-id>--<epoch-create-time>` form
 * (API reference, ClientSecretDescriptorType).
 */
export function clientSecrets(client: ClientRecord): ClientSecretRecord[] {
  if (client.secrets) return client.secrets;
  if (!client.secret) return [];
  return [
    { id: `${client.clientId}--${client.createdAt}`, value: client.secret, createdAt: client.createdAt },
  ];
}

/** True when `given` equals one of the client's current secrets (constant-time per secret). */
export function matchesClientSecret(client: ClientRecord, given: string): boolean {
  const g = Buffer.from(given);
  let ok = false;
  for (const s of clientSecrets(client)) {
    const want = Buffer.from(s.value);
    if (want.length === g.length && timingSafeEqual(want, g)) ok = true;
  }
  return ok;
}

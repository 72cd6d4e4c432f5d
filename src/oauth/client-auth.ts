import type { ClientRecord, PoolRecord } from "../storage/records.ts";
import type { Store } from "../storage/store.ts";
import { matchesClientSecret } from "../user-pools/domain/client-secrets.ts";
import { OAuthError } from "./errors.ts";

interface Presented {
  clientId: string | undefined;
  secret: string | undefined;
  /** True when the client used HTTP Basic: a failure is then 401 with WWW-Authenticate (RFC 6749 §5.2). */
  basic: boolean;
}

/** The client credentials of a token or revoke request: HTTP Basic, or client_id/client_secret in the body. */
export function presentedCredentials(headers: Headers, form: URLSearchParams): Presented {
  const auth = headers.get("authorization");
  if (auth && /^basic /i.test(auth)) {
    const decoded = Buffer.from(auth.slice(6).trim(), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) throw invalidClient(true);
    const clientId = safeDecode(decoded.slice(0, colon));
    const bodyId = form.get("client_id");
    // RFC 6749 §2.3: one authentication method per request.
    if (form.has("client_secret") || (bodyId !== null && bodyId !== clientId))
      throw new OAuthError("invalid_request", "two client authentication methods");
    return { clientId, secret: safeDecode(decoded.slice(colon + 1)), basic: true };
  }
  return {
    clientId: form.get("client_id") ?? undefined,
    secret: form.get("client_secret") ?? undefined,
    basic: false,
  };
}

/**
 * Authenticates the client of a token or revoke request. A client with a secret must present it
 * (compared in constant time); a public client must not present one. The client must belong to `pool`.
 */
export async function authenticateClient(
  store: Store,
  pool: PoolRecord,
  p: Presented,
): Promise<ClientRecord> {
  if (!p.clientId) throw new OAuthError("invalid_request", "client_id is missing");
  const client = await store.clients.get(p.clientId);
  if (!client || client.poolId !== pool.id) throw invalidClient(p.basic);
  if (client.secret === null) {
    if (p.secret) throw invalidClient(p.basic);
    return client;
  }
  if (!matchesClientSecret(client, p.secret ?? "")) throw invalidClient(p.basic);
  return client;
}

function invalidClient(basic: boolean): OAuthError {
  return basic
    ? new OAuthError("invalid_client", "client authentication failed", 401, {
        "www-authenticate": 'Basic realm="cognate"',
      })
    : new OAuthError("invalid_client", "client authentication failed");
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    return s;
  }
}

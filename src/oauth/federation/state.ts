import { createCipheriv, createDecipheriv, createHash } from "node:crypto";
import { hmac, hostedUiKey, readCookie, sameString } from "../../hosted-ui/cookies.ts";
import { CSRF_COOKIE } from "../../hosted-ui/csrf.ts";
import type { OAuthDeps } from "../context.ts";

/** How long a browser may take at the identity provider before the sign-in must start over. */
export const FEDERATION_STATE_TTL_MS = 10 * 60 * 1000;

/**
 * What cognate needs when the provider sends the browser back to /oauth2/idpresponse. It travels
 * as the `state` parameter, sealed (AES-256-GCM under the hosted-UI key, the pool id as associated
 * data): the provider cannot read the PKCE verifier in it, and nobody can change or forge it.
 */
export interface FederationState {
  /** ProviderName. */
  provider: string;
  /** The original /oauth2/authorize query, checked again on return. */
  query: string;
  /** The redirect_uri sent to the provider (its token endpoint wants the same one). */
  redirectUri: string;
  /** PKCE code_verifier for the provider's code (RFC 7636). */
  codeVerifier: string;
  /** The nonce sent to the provider; its ID token must carry it (OIDC Core §3.1.3.7). */
  nonce: string;
  /** SHA-256 of the browser's CSRF cookie: the response must come back to the browser that started. */
  browser: string;
  expiresAt: number;
}

async function stateKey(deps: OAuthDeps): Promise<Buffer> {
  return Buffer.from(hmac(await hostedUiKey(deps), "federation-state", "aes-256-gcm"), "base64url");
}

/** Seals a state for the provider's redirect. */
export async function sealState(deps: OAuthDeps, poolId: string, s: FederationState): Promise<string> {
  const iv = deps.random.bytes(12);
  const cipher = createCipheriv("aes-256-gcm", await stateKey(deps), iv);
  cipher.setAAD(Buffer.from(poolId));
  const body = Buffer.concat([cipher.update(JSON.stringify(s), "utf8"), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url");
}

/** Opens a sealed state; undefined when it was changed, made for another pool, or has expired. */
export async function openState(
  deps: OAuthDeps,
  poolId: string,
  sealed: string | null,
): Promise<FederationState | undefined> {
  if (!sealed || sealed.length > 8192) return undefined;
  const raw = Buffer.from(sealed, "base64url");
  if (raw.length < 12 + 16 + 2) return undefined;
  try {
    const decipher = createDecipheriv("aes-256-gcm", await stateKey(deps), raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(poolId));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    const json = Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]);
    const s = JSON.parse(json.toString("utf8")) as FederationState;
    return s.expiresAt > deps.clock.nowMs() ? s : undefined;
  } catch {
    return undefined;
  }
}

/** The binding of a state to a browser: the hash of its CSRF cookie nonce. */
export const browserBinding = (csrfNonce: string): string =>
  createHash("sha256").update(`federation:${csrfNonce}`).digest("base64url");

/** True when the request comes from the browser the state was made for (constant-time comparison). */
export function sameBrowser(request: Request, s: FederationState): boolean {
  const nonce = readCookie(request, CSRF_COOKIE);
  return !!nonce && sameString(browserBinding(nonce), s.browser);
}

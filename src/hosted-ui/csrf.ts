import type { OAuthDeps } from "../oauth/context.ts";
import { hmac, hostedUiKey, readCookie, sameString } from "./cookies.ts";

/** Cognito's hosted UI uses this cookie and a `_csrf` form field. */
export const CSRF_COOKIE = "XSRF-TOKEN";
export const CSRF_FIELD = "_csrf";

/**
 * A CSRF token for a form: the cookie holds a random nonce, the form the HMAC of it under the hosted
 * UI key. A forged cross-site POST has neither the cookie's nonce nor the key to derive the token.
 */
export async function csrfFor(
  deps: OAuthDeps,
  request: Request,
): Promise<{ nonce: string; token: string; fresh: boolean }> {
  const key = await hostedUiKey(deps);
  const existing = readCookie(request, CSRF_COOKIE);
  const nonce =
    existing && /^[A-Za-z0-9_-]{20,64}$/.test(existing)
      ? existing
      : deps.random.bytes(24).toString("base64url");
  return { nonce, token: hmac(key, "csrf", nonce), fresh: nonce !== existing };
}

/** Checks a submitted form's token against the cookie, in constant time. */
export async function checkCsrf(
  deps: OAuthDeps,
  request: Request,
  submitted: string | null,
): Promise<boolean> {
  const nonce = readCookie(request, CSRF_COOKIE);
  if (!nonce || !submitted) return false;
  return sameString(hmac(await hostedUiKey(deps), "csrf", nonce), submitted);
}

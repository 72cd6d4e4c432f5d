import type { OAuthDeps } from "../oauth/context.ts";
import type { PoolRecord } from "../storage/records.ts";
import type { HostedSessionRecord } from "../storage/repositories/oauth.ts";
import { sha256 } from "../user-pools/tokens/tokens.ts";
import { hmac, hostedUiKey, isSecure, readCookie, sameString, setCookie } from "./cookies.ts";

/** Cognito's hosted UI keeps its sign-in in a cookie named `cognito`, valid for one hour. */
export const SESSION_COOKIE = "cognito";
export const SESSION_TTL_MS = 60 * 60 * 1000;

/** Where the hosted pages of a pool live: `base` is "" on a domain host, `/<poolId>` on the main port. */
export interface Site {
  pool: PoolRecord;
  base: string;
}

const cookiePath = (site: Site) => site.base || "/";

/**
 * Starts a hosted-UI session after a successful sign-in. The cookie carries a random id and its
 * HMAC; storage keeps only the id's hash, so neither a database read nor a forged cookie signs anyone in.
 */
export async function startSession(
  deps: OAuthDeps,
  site: Site,
  request: Request,
  userId: string,
  authTime: number,
): Promise<string> {
  const id = deps.random.bytes(32).toString("base64url");
  const now = deps.clock.nowMs();
  await deps.store.oauth.createSession({
    idHash: sha256(id),
    poolId: site.pool.id,
    userId,
    authTime,
    expiresAt: now + SESSION_TTL_MS,
    createdAt: now,
  });
  const value = `${id}.${hmac(await hostedUiKey(deps), "session", id)}`;
  return setCookie(SESSION_COOKIE, value, {
    path: cookiePath(site),
    maxAgeSeconds: SESSION_TTL_MS / 1000,
    secure: isSecure(request),
  });
}

async function sessionId(deps: OAuthDeps, request: Request): Promise<string | undefined> {
  const raw = readCookie(request, SESSION_COOKIE);
  const dot = raw?.lastIndexOf(".") ?? -1;
  if (!raw || dot <= 0) return undefined;
  const id = raw.slice(0, dot);
  return sameString(hmac(await hostedUiKey(deps), "session", id), raw.slice(dot + 1)) ? id : undefined;
}

/** The live session of this pool the browser presents, if any. */
export async function currentSession(
  deps: OAuthDeps,
  site: Site,
  request: Request,
): Promise<HostedSessionRecord | undefined> {
  const id = await sessionId(deps, request);
  if (!id) return undefined;
  const s = await deps.store.oauth.getSession(sha256(id));
  if (!s || s.poolId !== site.pool.id || s.expiresAt <= deps.clock.nowMs()) return undefined;
  return s;
}

/** Ends the browser's session (if any) and returns the Set-Cookie that clears the cookie. */
export async function endSession(deps: OAuthDeps, site: Site, request: Request): Promise<string> {
  const id = await sessionId(deps, request);
  if (id) await deps.store.oauth.deleteSession(sha256(id));
  return setCookie(SESSION_COOKIE, "", {
    path: cookiePath(site),
    maxAgeSeconds: 0,
    secure: isSecure(request),
  });
}

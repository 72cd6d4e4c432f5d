import { createHmac, timingSafeEqual } from "node:crypto";
import type { OAuthDeps } from "../oauth/context.ts";

/** Reads one cookie from a request. */
export function readCookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** A `Set-Cookie` value: HttpOnly and SameSite=Lax always, Secure behind https. `maxAge` 0 clears it. */
export function setCookie(
  name: string,
  value: string,
  opts: { path: string; maxAgeSeconds: number; secure: boolean },
): string {
  const parts = [
    `${name}=${value}`,
    `Path=${opts.path}`,
    `Max-Age=${opts.maxAgeSeconds}`,
    "HttpOnly",
    "SameSite=Lax",
  ];
  if (opts.secure) parts.push("Secure");
  return parts.join("; ");
}

/** True when the browser reached us over https (directly or through a proxy that says so). */
export const isSecure = (request: Request): boolean =>
  new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";

const keys = new WeakMap<object, Promise<Buffer>>();

/** The hosted UI's HMAC key, created once and kept in storage so every instance shares it. */
export function hostedUiKey(deps: OAuthDeps): Promise<Buffer> {
  let k = keys.get(deps.store);
  if (!k) {
    k = deps.store.meta
      .getOrCreate("hosted-ui-key", deps.random.bytes(32).toString("base64"))
      .then((v) => Buffer.from(v, "base64"));
    k.catch(() => keys.delete(deps.store));
    keys.set(deps.store, k);
  }
  return k;
}

export const hmac = (key: Buffer, purpose: string, value: string): string =>
  createHmac("sha256", key).update(`${purpose}:${value}`).digest("base64url");

/** Constant-time string comparison. */
export function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

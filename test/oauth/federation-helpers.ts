import assert from "node:assert/strict";
import { GOOD_PASSWORD } from "../support/fixtures.ts";
import { csrfOf, locationOf } from "./helpers.ts";

/**
 * A browser's cookies with their paths. Two pools on one test server share a host, so the jar must
 * send `/<poolId>`-scoped cookies only to that pool, as a browser does (RFC 6265 §5.1.4).
 */
export class Browser {
  private readonly cookies = new Map<string, { path: string; name: string; value: string }>();

  private take(res: Response, url: URL): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair = "", ...attrs] = c.split(";").map((s) => s.trim());
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      const pathAttr = attrs.find((a) => /^path=/i.test(a));
      const path = pathAttr ? pathAttr.slice(5) : url.pathname.replace(/\/[^/]*$/, "") || "/";
      const key = `${path}\n${name}`;
      if (attrs.some((a) => /^max-age=0$/i.test(a))) this.cookies.delete(key);
      else this.cookies.set(key, { path, name, value: pair.slice(eq + 1) });
    }
  }

  private header(url: URL): string {
    const matches = (path: string) =>
      path === "/" || url.pathname === path || url.pathname.startsWith(`${path.replace(/\/$/, "")}/`);
    return [...this.cookies.values()]
      .filter((c) => matches(c.path))
      .sort((a, b) => b.path.length - a.path.length)
      .map((c) => `${c.name}=${c.value}`)
      .join("; ");
  }

  /** Fetches without following redirects, sending and keeping cookies. */
  async fetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const u = new URL(url);
    const headers = new Headers(init.headers);
    const cookie = this.header(u);
    if (cookie) headers.set("cookie", cookie);
    const res = await fetch(u, { ...init, headers, redirect: "manual" });
    this.take(res, u);
    return res;
  }

  /** Follows one redirect, asserting there is one. */
  async follow(url: URL): Promise<URL> {
    return locationOf(await this.fetch(url), url);
  }
}

/** Signs in on a cognate hosted login page (the external provider's), returning where it redirects. */
export async function signInOnLoginPage(browser: Browser, login: URL, username: string): Promise<URL> {
  assert.match(login.pathname, /\/login$/);
  const page = await browser.fetch(login);
  assert.equal(page.status, 200);
  const res = await browser.fetch(login, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: csrfOf(await page.text()), username, password: GOOD_PASSWORD }),
  });
  return locationOf(res, login);
}

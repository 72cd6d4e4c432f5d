import type { JSX } from "hono/jsx/jsx-runtime";

/**
 * A hosted page as a Response: HTML5 doctype, never cached, never framed, no scripts allowed by
 * the content security policy.
 */
export async function renderPage(
  page: JSX.Element,
  status = 200,
  headers: HeadersInit = {},
): Promise<Response> {
  const html = `<!doctype html>${await page.toString()}`;
  const h = new Headers(headers);
  h.set("content-type", "text/html; charset=utf-8");
  h.set("cache-control", "no-store");
  h.set("x-frame-options", "DENY");
  h.set("referrer-policy", "no-referrer");
  h.set(
    "content-security-policy",
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'",
  );
  return new Response(html, { status, headers: h });
}

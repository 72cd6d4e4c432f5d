import { messages } from "../hosted-ui/messages.ts";
import { endSession, type Site } from "../hosted-ui/session.ts";
import { clientConfig } from "../user-pools/domain/pools.ts";
import { errorPage } from "./authorize.ts";
import type { OAuthDeps } from "./context.ts";

/**
 * `GET /logout` (developer guide, "The logout endpoint"): ends the hosted-UI session, then either
 * redirects to `logout_uri` (which must be one of the client's LogoutURLs, exactly) or, with
 * `redirect_uri` and `response_type`, sends the browser to sign in again.
 */
export async function logoutEndpoint(deps: OAuthDeps, site: Site, request: Request): Promise<Response> {
  const query = new URL(request.url).searchParams;
  const clientId = query.get("client_id");
  const client = clientId ? await deps.store.clients.get(clientId) : undefined;
  if (!client || client.poolId !== site.pool.id)
    return errorPage("invalid_request", messages.pageErrors.client);
  const cfg = clientConfig(client);
  const logoutUri = query.get("logout_uri");
  let location: string;
  if (logoutUri !== null) {
    if (!(cfg.LogoutURLs ?? []).includes(logoutUri))
      return errorPage("invalid_request", messages.pageErrors.logout);
    location = logoutUri;
  } else {
    const redirectUri = query.get("redirect_uri");
    if (!redirectUri || !(cfg.CallbackURLs ?? []).includes(redirectUri))
      return errorPage("redirect_mismatch", messages.pageErrors.redirect_mismatch);
    const again = new URLSearchParams(query);
    again.delete("logout_uri");
    location = `${site.base}/login?${again}`;
  }
  const cookie = await endSession(deps, site, request);
  return new Response(null, {
    status: 302,
    headers: { location, "set-cookie": cookie, "cache-control": "no-store" },
  });
}

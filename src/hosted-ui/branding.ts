import type { OAuthDeps } from "../oauth/context.ts";
import { effectiveCustomization, logoPath } from "../user-pools/operations/misc/ui-customization.ts";
import type { Site } from "./session.ts";
import type { Branding } from "./views/layout.tsx";

/** The client's (or the pool's ALL) SetUICustomization CSS and logo, for any hosted page. */
export async function brandingFor(deps: OAuthDeps, site: Site, clientId: string): Promise<Branding> {
  const ui = await effectiveCustomization(deps, site.pool.id, clientId);
  return {
    ...(ui?.css ? { css: ui.css } : {}),
    ...(ui?.image ? { logoUrl: `${site.base}${logoPath(ui.clientId)}` } : {}),
  };
}

import type { OAuthDeps } from "../oauth/context.ts";
import type { Site } from "./session.ts";

/**
 * `GET /ui/logo/<clientId|ALL>`: the logo SetUICustomization stored for that client (or for all
 * clients), as GetUICustomization's ImageUrl points to it.
 */
export async function logoEndpoint(deps: OAuthDeps, site: Site, request: Request): Promise<Response> {
  const clientId = decodeURIComponent(new URL(request.url).pathname.split("/").at(-1) ?? "");
  const found = await deps.store.uiCustomizations.get(site.pool.id, clientId);
  if (!found?.image || !found.imageType) return new Response("Not Found", { status: 404 });
  return new Response(Buffer.from(found.image, "base64"), {
    headers: {
      "content-type": found.imageType,
      "cache-control": "public, max-age=60",
      "x-content-type-options": "nosniff",
    },
  });
}

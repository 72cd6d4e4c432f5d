import { ServiceError } from "../protocol/aws-json/errors.ts";
import type { PoolRecord, UserRecord } from "../storage/records.ts";
import type { OAuthDeps } from "./context.ts";
import { errorResponse, jsonResponse, OAuthError } from "./errors.ts";

/** Claims of the `profile` scope (OIDC Core §5.4); custom attributes come with it too. */
const PROFILE = [
  "name",
  "family_name",
  "given_name",
  "middle_name",
  "nickname",
  "preferred_username",
  "profile",
  "picture",
  "website",
  "gender",
  "birthdate",
  "zoneinfo",
  "locale",
  "updated_at",
  "address",
];
const EMAIL = ["email", "email_verified"];
const PHONE = ["phone_number", "phone_number_verified"];

const bearerError = (description: string, error: "invalid_token" | "invalid_request" = "invalid_token") =>
  new OAuthError(error, description, 401, {
    "www-authenticate": `Bearer error="${error}", error_description="${description}"`,
  });

/**
 * `GET|POST /oauth2/userInfo` with `Authorization: Bearer <access token>` (developer guide, "The user
 * attributes endpoint"). The token needs the openid scope; `openid` alone returns every attribute
 * the client may read, otherwise the profile/email/phone scopes pick the claims. Values are the
 * stored strings (Cognito answers `"email_verified": "true"` here), plus `username`.
 */
export async function userInfoEndpoint(
  deps: OAuthDeps,
  pool: PoolRecord,
  request: Request,
): Promise<Response> {
  try {
    const auth = request.headers.get("authorization") ?? "";
    const m = /^bearer\s+(\S+)$/i.exec(auth.trim());
    if (!m) throw bearerError("access token is missing", "invalid_request");
    let verified: Awaited<ReturnType<typeof deps.services.tokens.verifyAccessToken>>;
    try {
      verified = await deps.services.tokens.verifyAccessToken(m[1]);
    } catch (e) {
      if (e instanceof ServiceError) throw bearerError(e.message);
      throw e;
    }
    if (verified.poolId !== pool.id) throw bearerError("the access token was issued by another user pool");
    const scopes = verified.claims.scope.split(" ");
    if (!scopes.includes("openid")) throw bearerError("the access token does not have the openid scope");
    const user = verified.user;
    if (!user?.enabled) throw bearerError("the user no longer exists or is disabled");
    const client = await deps.store.clients.get(verified.claims.client_id);
    const readable = client?.config.ReadAttributes as string[] | undefined;
    return jsonResponse(claimsFor(user, scopes, readable));
  } catch (e) {
    if (e instanceof OAuthError) return errorResponse(e);
    throw e;
  }
}

function claimsFor(
  user: UserRecord,
  scopes: string[],
  readable: string[] | undefined,
): Record<string, string> {
  const narrowed = scopes.some((s) => s === "profile" || s === "email" || s === "phone");
  const wanted = (name: string) => {
    if (readable && !readable.includes(name)) return false;
    if (!narrowed) return true;
    return (
      (scopes.includes("profile") && (PROFILE.includes(name) || name.startsWith("custom:"))) ||
      (scopes.includes("email") && EMAIL.includes(name)) ||
      (scopes.includes("phone") && PHONE.includes(name))
    );
  };
  const out: Record<string, string> = { sub: user.id };
  for (const [name, value] of Object.entries(user.attributes))
    if (name !== "sub" && wanted(name)) out[name] = value;
  out.username = user.username;
  return out;
}

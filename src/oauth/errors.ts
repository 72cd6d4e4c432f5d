/** OAuth 2.0 error codes the endpoints answer (RFC 6749 §5.2, RFC 6750 §3.1, RFC 7009 §2.2.1, OIDC Core §3.1.2.6). */
export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "invalid_scope"
  | "invalid_token"
  | "unsupported_token_type"
  | "unsupported_response_type"
  | "login_required";

/**
 * An OAuth error. The token, revoke and userInfo endpoints answer it as JSON `{"error": …}` (Cognito
 * sends no error_description there); the authorize endpoint redirects it to the client.
 *
 * @example
 * throw new OAuthError("invalid_grant", "authorization code was already used");
 */
export class OAuthError extends Error {
  constructor(
    readonly error: OAuthErrorCode,
    /** For logs and for redirects; not part of the JSON body. */
    readonly description: string = error,
    readonly status = 400,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
    this.name = "OAuthError";
  }
}

const NO_STORE = { "cache-control": "no-store", pragma: "no-cache" };

/** A JSON answer of the token-style endpoints; never cached (RFC 6749 §5.1). */
export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json;charset=UTF-8", ...NO_STORE, ...headers },
  });
}

/** The JSON answer for an OAuthError. */
export function errorResponse(e: OAuthError): Response {
  return jsonResponse({ error: e.error }, e.status, e.headers);
}

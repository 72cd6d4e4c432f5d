/**
 * Why a federated sign-in could not finish after the client and its redirect_uri were checked: it
 * goes back to the client as `error` and `error_description` (RFC 6749 §4.1.2.1, OIDC Core §3.1.2.6).
 * `cause` is for the log only.
 *
 * @example
 * throw new FederationError("invalid_request", "the identity provider's ID token is not valid");
 */
export class FederationError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    readonly detail?: unknown,
  ) {
    super(description);
    this.name = "FederationError";
  }
}

import type { DispatchDeps } from "../protocol/aws-json/dispatch.ts";
import type { OperationContext } from "../user-pools/operation.ts";

/** What the OAuth endpoints and hosted pages run with: the API's dependencies plus the public base URL. */
export type OAuthDeps = DispatchDeps & { baseUrl: () => string };

/**
 * The OperationContext of a browser or token request, built the way the AWS JSON dispatcher builds
 * it for a public operation, so the endpoints run the same sign-in engine and token service as the API.
 */
export function operationContext(deps: OAuthDeps, sourceIp: string): OperationContext {
  const { baseUrl: _baseUrl, ...rest } = deps;
  return { ...rest, requestId: deps.random.uuid(), sourceIp, caller: { kind: "public" } };
}

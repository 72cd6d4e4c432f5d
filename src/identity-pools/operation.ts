import type { cognitoIdentityModel } from "../protocol/aws-json/generated/cognito-identity.ts";
import type { Operation, OperationContext } from "../user-pools/operation.ts";

export type IdentityPoolOperationName = keyof (typeof cognitoIdentityModel)["operations"];

/**
 * Who may call: `"iam"` needs a SigV4 signature (developer credentials); `"public"` is open,
 * as Cognito leaves GetId, GetOpenIdToken, GetCredentialsForIdentity and UnlinkIdentity.
 */
export type IdentityAuthMode = "iam" | "public";

/**
 * Declares one Identity Pools operation. The name must be a modeled operation of
 * `AWSCognitoIdentityService`, so a typo does not compile. Types come from
 * `@aws-sdk/client-cognito-identity` (type-only imports).
 *
 * @example
 * export default defineIdentityOperation<DescribeIdentityPoolInput, IdentityPool>("DescribeIdentityPool", {
 *   auth: "iam",
 *   async handle(input, ctx) {
 *     return toIdentityPoolType(await requireIdentityPool(ctx, input.IdentityPoolId!));
 *   },
 * });
 */
export function defineIdentityOperation<I, O>(
  name: IdentityPoolOperationName,
  def: { auth: IdentityAuthMode; handle(input: I, ctx: OperationContext): Promise<O> },
): Operation<I, O> {
  return { name, auth: def.auth, handle: def.handle };
}

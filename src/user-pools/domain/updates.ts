import { cognitoIdpModel } from "../../protocol/aws-json/generated/cognito-idp.ts";

type UpdateShape = "UpdateUserPoolRequest" | "UpdateUserPoolClientRequest";

/**
 * Splits an UpdateUserPool / UpdateUserPoolClient request the way Cognito applies it:
 * every setting the request can carry and leaves out goes back to its default (API
 * reference, both operations: "If you don't provide a value for an attribute, Amazon
 * Cognito sets it to its default value"), except those listed in `keepWhenOmitted`.
 *
 * - `input`: only the members the request shape models (a raw request cannot slip in a
 *   setting fixed at creation, such as AliasAttributes or Schema).
 * - `kept`: the stored settings the request does not reset: what it cannot set at all
 *   (schema, sign-in options, settings other operations own) plus `keepWhenOmitted`.
 *
 * @example
 * const { input, kept } = splitUpdate("UpdateUserPoolRequest", request, stored, ["UserPoolId", "PoolName", "UserPoolTier"]);
 * const config = buildPoolConfig(input, kept);
 */
export function splitUpdate<I extends object>(
  shape: UpdateShape,
  request: I,
  stored: Record<string, unknown>,
  keepWhenOmitted: readonly string[],
): { input: Partial<I>; kept: Record<string, unknown> } {
  const members = Object.keys(cognitoIdpModel.shapes[shape].members);
  const input: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(request))
    if (members.includes(k) && v !== undefined && v !== null) input[k] = v;
  const kept: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(stored))
    if (!members.includes(k) || keepWhenOmitted.includes(k)) kept[k] = v;
  return { input: input as Partial<I>, kept };
}

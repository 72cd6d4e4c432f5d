import type { GetUserAuthFactorsResponse } from "@aws-sdk/client-cognito-identity-provider";
import type { PoolRecord, UserRecord } from "../../../storage/records.ts";
import { configuredFirstFactors } from "../../auth/first-factors.ts";
import type { OperationContext } from "../../operation.ts";

/**
 * GetUserAuthFactors and AdminGetUserAuthFactors: the user's MFA settings as GetUser reports them,
 * and ConfiguredUserAuthFactors, the USER_AUTH first factors the user can sign in with now
 * (API reference, GetUserAuthFactors: "for example [\"PASSWORD\", \"WEB_AUTHN\"]").
 */
export async function authFactors(
  ctx: OperationContext,
  pool: PoolRecord,
  user: UserRecord,
): Promise<GetUserAuthFactorsResponse> {
  const { preferred, enabled } = user.mfa;
  const factors = await configuredFirstFactors(ctx, pool, user);
  return {
    Username: user.username,
    ...(preferred ? { PreferredMfaSetting: preferred } : {}),
    ...(enabled && enabled.length > 0 ? { UserMFASettingList: enabled } : {}),
    ConfiguredUserAuthFactors: factors as GetUserAuthFactorsResponse["ConfiguredUserAuthFactors"],
  };
}

import type {
  AdminGetUserRequest,
  AdminGetUserResponse,
  MFAOptionType,
} from "@aws-sdk/client-cognito-identity-provider";
import { requirePool } from "../../domain/pools.ts";
import { requireUser, toAttributeList } from "../../domain/users.ts";
import { defineOperation } from "../../operation.ts";

export default defineOperation<AdminGetUserRequest, AdminGetUserResponse>("AdminGetUser", {
  auth: "iam",
  async handle(input, ctx) {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const user = await requireUser(ctx, pool, input.Username!);
    const { preferred, enabled, mfaOptions } = user.mfa;
    // The MFA members appear only when the user has MFA settings (API reference, AdminGetUser).
    return {
      Username: user.username,
      UserAttributes: toAttributeList(user.attributes),
      UserCreateDate: new Date(user.createdAt),
      UserLastModifiedDate: new Date(user.updatedAt),
      Enabled: user.enabled,
      UserStatus: user.status,
      ...(Array.isArray(mfaOptions) && mfaOptions.length > 0
        ? { MFAOptions: mfaOptions as MFAOptionType[] }
        : {}),
      ...(preferred ? { PreferredMfaSetting: preferred } : {}),
      ...(enabled && enabled.length > 0 ? { UserMFASettingList: enabled } : {}),
    };
  },
});

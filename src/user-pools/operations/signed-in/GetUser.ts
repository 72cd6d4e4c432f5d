import type {
  GetUserRequest,
  GetUserResponse,
  MFAOptionType,
} from "@aws-sdk/client-cognito-identity-provider";
import { toAttributeList } from "../../domain/users.ts";
import { defineOperation } from "../../operation.ts";
import { signedIn } from "./caller.ts";

export default defineOperation<GetUserRequest, GetUserResponse>("GetUser", {
  auth: "access-token",
  async handle(_input, ctx) {
    const { user } = signedIn(ctx);
    const { preferred, enabled, mfaOptions } = user.mfa;
    // The MFA members appear only when the user has MFA settings (API reference, GetUser).
    return {
      Username: user.username,
      UserAttributes: toAttributeList(user.attributes),
      ...(Array.isArray(mfaOptions) && mfaOptions.length > 0
        ? { MFAOptions: mfaOptions as MFAOptionType[] }
        : {}),
      ...(preferred ? { PreferredMfaSetting: preferred } : {}),
      ...(enabled && enabled.length > 0 ? { UserMFASettingList: enabled } : {}),
    };
  },
});

import type { Operation } from "../../operation.ts";
import ChangePassword from "./ChangePassword.ts";
import DeleteUser from "./DeleteUser.ts";
import DeleteUserAttributes from "./DeleteUserAttributes.ts";
import GetUser from "./GetUser.ts";
import GetUserAttributeVerificationCode from "./GetUserAttributeVerificationCode.ts";
import UpdateUserAttributes from "./UpdateUserAttributes.ts";
import VerifyUserAttribute from "./VerifyUserAttribute.ts";

/** Operations a signed-in user authorises with their access token. */
export const signedInOperations: Operation[] = [
  GetUser,
  ChangePassword,
  UpdateUserAttributes,
  DeleteUserAttributes,
  GetUserAttributeVerificationCode,
  VerifyUserAttribute,
  DeleteUser,
];

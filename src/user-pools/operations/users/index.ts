import type { Operation } from "../../operation.ts";
import AdminConfirmSignUp from "./AdminConfirmSignUp.ts";
import AdminCreateUser from "./AdminCreateUser.ts";
import AdminDeleteUser from "./AdminDeleteUser.ts";
import AdminDeleteUserAttributes from "./AdminDeleteUserAttributes.ts";
import AdminDisableUser from "./AdminDisableUser.ts";
import AdminEnableUser from "./AdminEnableUser.ts";
import AdminGetUser from "./AdminGetUser.ts";
import AdminResetUserPassword from "./AdminResetUserPassword.ts";
import AdminSetUserPassword from "./AdminSetUserPassword.ts";
import AdminUpdateUserAttributes from "./AdminUpdateUserAttributes.ts";
import AdminUserGlobalSignOut from "./AdminUserGlobalSignOut.ts";
import ListUsers from "./ListUsers.ts";

export const userOperations: Operation[] = [
  AdminCreateUser,
  AdminGetUser,
  AdminDeleteUser,
  AdminSetUserPassword,
  AdminEnableUser,
  AdminDisableUser,
  AdminUpdateUserAttributes,
  AdminDeleteUserAttributes,
  AdminConfirmSignUp,
  AdminResetUserPassword,
  AdminUserGlobalSignOut,
  ListUsers,
];

import type { Operation } from "../../operation.ts";
import AdminAddUserToGroup from "./AdminAddUserToGroup.ts";
import AdminListGroupsForUser from "./AdminListGroupsForUser.ts";
import AdminRemoveUserFromGroup from "./AdminRemoveUserFromGroup.ts";
import CreateGroup from "./CreateGroup.ts";
import DeleteGroup from "./DeleteGroup.ts";
import GetGroup from "./GetGroup.ts";
import ListGroups from "./ListGroups.ts";
import ListUsersInGroup from "./ListUsersInGroup.ts";
import UpdateGroup from "./UpdateGroup.ts";

export const groupOperations: Operation[] = [
  CreateGroup,
  GetGroup,
  UpdateGroup,
  DeleteGroup,
  ListGroups,
  AdminAddUserToGroup,
  AdminRemoveUserFromGroup,
  AdminListGroupsForUser,
  ListUsersInGroup,
];

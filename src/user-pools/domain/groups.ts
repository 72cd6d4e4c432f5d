import type { GroupType } from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../protocol/aws-json/errors.ts";
import type { GroupRecord } from "../../storage/records.ts";
import type { OperationContext } from "../operation.ts";

/** Loads a group or throws Cognito's `ResourceNotFoundException: Group not found.` */
export async function requireGroup(
  ctx: Pick<OperationContext, "store">,
  poolId: string,
  name: string,
): Promise<GroupRecord> {
  const group = await ctx.store.groups.get(poolId, name);
  if (!group) throw new ServiceError("ResourceNotFoundException", "Group not found.");
  return group;
}

/** The GroupType of CreateGroup, GetGroup, ListGroups and AdminListGroupsForUser; unset members are omitted. */
export function toGroupType(g: GroupRecord): GroupType {
  const out: GroupType = { GroupName: g.name, UserPoolId: g.poolId };
  if (g.description !== null) out.Description = g.description;
  if (g.roleArn !== null) out.RoleArn = g.roleArn;
  if (g.precedence !== null) out.Precedence = g.precedence;
  out.LastModifiedDate = new Date(g.updatedAt);
  out.CreationDate = new Date(g.createdAt);
  return out;
}

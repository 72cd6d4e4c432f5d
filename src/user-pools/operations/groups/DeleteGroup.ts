import type { DeleteGroupRequest } from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { requirePool } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";

export default defineOperation<DeleteGroupRequest, Record<string, never>>("DeleteGroup", {
  auth: "iam",
  async handle(input, ctx) {
    const pool = await requirePool(ctx, input.UserPoolId!);
    // Memberships go with the group (ON DELETE CASCADE), in the same statement.
    if (!(await ctx.store.groups.delete(pool.id, input.GroupName!))) {
      throw new ServiceError("ResourceNotFoundException", "Group not found.");
    }
    return {};
  },
});

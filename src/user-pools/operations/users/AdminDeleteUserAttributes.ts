import type {
  AdminDeleteUserAttributesRequest,
  AdminDeleteUserAttributesResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { requirePool } from "../../domain/pools.ts";
import { requireUser } from "../../domain/users.ts";
import { defineOperation } from "../../operation.ts";
import { adminDeletableAttributes } from "./deletable-attributes.ts";

export default defineOperation<AdminDeleteUserAttributesRequest, AdminDeleteUserAttributesResponse>(
  "AdminDeleteUserAttributes",
  {
    auth: "iam",
    async handle(input, ctx) {
      const pool = await requirePool(ctx, input.UserPoolId!);
      const user = await requireUser(ctx, pool, input.Username!);
      const names = adminDeletableAttributes(pool, input.UserAttributeNames ?? []);
      await ctx.store.transaction(async (tx) => {
        await tx.users.deleteAttributes(user.id, names, ctx.clock.nowMs());
        // A pending verification code must not outlive the address it was sent to.
        for (const a of ["email", "phone_number"])
          if (names.includes(a)) await tx.codes.delete(user.id, `verify:${a}`);
      });
      return {};
    },
  },
);

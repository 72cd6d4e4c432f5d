import type {
  AdminUserGlobalSignOutRequest,
  AdminUserGlobalSignOutResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { requirePool } from "../../domain/pools.ts";
import { requireUser } from "../../domain/users.ts";
import { defineOperation } from "../../operation.ts";

export default defineOperation<AdminUserGlobalSignOutRequest, AdminUserGlobalSignOutResponse>(
  "AdminUserGlobalSignOut",
  {
    auth: "iam",
    async handle(input, ctx) {
      const pool = await requirePool(ctx, input.UserPoolId!);
      const user = await requireUser(ctx, pool, input.Username!);
      // Revokes every refresh token of the user, and with them the access tokens they issued.
      await ctx.store.refreshTokens.revokeAllForUser(user.id, ctx.clock.nowMs());
      return {};
    },
  },
);

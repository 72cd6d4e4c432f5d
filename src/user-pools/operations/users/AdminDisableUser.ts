import type {
  AdminDisableUserRequest,
  AdminDisableUserResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { requirePool } from "../../domain/pools.ts";
import { requireUser } from "../../domain/users.ts";
import { defineOperation } from "../../operation.ts";

export default defineOperation<AdminDisableUserRequest, AdminDisableUserResponse>("AdminDisableUser", {
  auth: "iam",
  async handle(input, ctx) {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const user = await requireUser(ctx, pool, input.Username!);
    const now = ctx.clock.nowMs();
    // "Deactivates a user profile and revokes all access tokens for the user" (API reference, AdminDisableUser).
    // Access tokens die with the refresh-token session they came from.
    await ctx.store.transaction(async (tx) => {
      await tx.users.update(user.id, { enabled: false }, now);
      await tx.refreshTokens.revokeAllForUser(user.id, now);
    });
    return {};
  },
});

import type { DeleteUserRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../../operation.ts";
import { signedIn } from "./caller.ts";

export default defineOperation<DeleteUserRequest, Record<string, never>>("DeleteUser", {
  auth: "access-token",
  async handle(_input, ctx) {
    const { user } = signedIn(ctx);
    // Attributes, group memberships, refresh tokens (so every session) and codes go with the
    // user (ON DELETE CASCADE), in the one statement.
    await ctx.store.users.delete(user.id);
    return {};
  },
});

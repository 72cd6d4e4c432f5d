import type { GlobalSignOutRequest, GlobalSignOutResponse } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../../operation.ts";

/** Revokes every refresh token of the user, and with them every access token they issued. */
export default defineOperation<GlobalSignOutRequest, GlobalSignOutResponse>("GlobalSignOut", {
  auth: "access-token",
  async handle(_input, ctx) {
    if (ctx.caller.kind !== "access-token") throw new Error("unreachable");
    await ctx.store.refreshTokens.revokeAllForUser(ctx.caller.user.id, ctx.clock.nowMs());
    return {};
  },
});

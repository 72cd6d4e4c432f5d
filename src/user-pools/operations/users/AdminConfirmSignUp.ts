import type {
  AdminConfirmSignUpRequest,
  AdminConfirmSignUpResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { requirePool } from "../../domain/pools.ts";
import { requireUser } from "../../domain/users.ts";
import { defineOperation } from "../../operation.ts";

export default defineOperation<AdminConfirmSignUpRequest, AdminConfirmSignUpResponse>("AdminConfirmSignUp", {
  auth: "iam",
  async handle(input, ctx) {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const user = await requireUser(ctx, pool, input.Username!);
    if (user.status !== "UNCONFIRMED") {
      throw new ServiceError(
        "NotAuthorizedException",
        `User cannot be confirmed. Current status is ${user.status}`,
      );
    }
    await ctx.store.transaction(async (tx) => {
      await tx.users.update(user.id, { status: "CONFIRMED" }, ctx.clock.nowMs());
      await tx.codes.delete(user.id, "signup");
    });
    return {};
  },
});

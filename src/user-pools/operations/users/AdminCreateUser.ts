import type {
  AdminCreateUserRequest,
  AdminCreateUserResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import type { PoolRecord, UserRecord } from "../../../storage/records.ts";
import { checkAttributes } from "../../domain/attributes.ts";
import { pickDestination, sendCode } from "../../domain/codes.ts";
import { invitationMessage } from "../../domain/messages.ts";
import {
  assertUsernameFree,
  newUserRecord,
  refuseNewUser,
  shapeNewUser,
  signInAttributes,
} from "../../domain/new-user.ts";
import { passwordFields } from "../../domain/password-set.ts";
import { checkPasswordPolicy, generateTemporaryPassword } from "../../domain/passwords.ts";
import { poolConfig, requirePool } from "../../domain/pools.ts";
import { findUser, fromAttributeList, toUserType } from "../../domain/users.ts";
import { defineOperation, type OperationContext } from "../../operation.ts";

export default defineOperation<AdminCreateUserRequest, AdminCreateUserResponse>("AdminCreateUser", {
  auth: "iam",
  async handle(input, ctx) {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const policy = poolConfig(pool).Policies?.PasswordPolicy;
    if (input.TemporaryPassword !== undefined) checkPasswordPolicy(policy, input.TemporaryPassword);
    const password =
      input.TemporaryPassword ?? generateTemporaryPassword(policy, (a, n) => ctx.random.string(n, a));

    if (input.MessageAction === "RESEND") {
      // RESEND re-sends the invitation to an existing user who has not signed in yet, with a new temporary password.
      const user = await findUser(ctx, pool, input.Username!);
      if (!user) throw new ServiceError("UserNotFoundException", "User does not exist.");
      if (user.status !== "FORCE_CHANGE_PASSWORD")
        throw new ServiceError(
          "UnsupportedUserStateException",
          `Resend not possible. ${user.username} status is not FORCE_CHANGE_PASSWORD`,
        );
      const now = ctx.clock.nowMs();
      await ctx.store.users.update(user.id, await passwordFields(ctx, pool, user.username, password), now);
      await invite(ctx, pool, user, password, input);
      return { User: toUserType({ ...user, updatedAt: now }) };
    }

    const attributes = fromAttributeList(input.UserAttributes);
    checkAttributes(pool, attributes, { mode: "create", admin: true });
    const shaped = shapeNewUser(ctx, pool, input.Username!, attributes);
    await assertUsernameFree(ctx, pool, shaped.username, shaped.attributes, "User account already exists");
    const fields = await passwordFields(ctx, pool, shaped.username, password);
    const user = {
      ...newUserRecord(ctx, pool, shaped, "FORCE_CHANGE_PASSWORD", fields.passwordHash),
      ...fields,
    };
    if (!(await ctx.store.users.create(user, signInAttributes(pool))))
      await refuseNewUser(ctx, pool, shaped.username, shaped.attributes, "User account already exists");
    if (input.MessageAction !== "SUPPRESS") await invite(ctx, pool, user, password, input);
    return { User: toUserType(user) };
  },
});

async function invite(
  ctx: OperationContext,
  pool: PoolRecord,
  user: UserRecord,
  password: string,
  input: AdminCreateUserRequest,
) {
  const mediums = input.DesiredDeliveryMediums ?? ["SMS"];
  const prefer = mediums.map((m) => (m === "EMAIL" ? "email" : "phone_number") as "email" | "phone_number");
  const dest = pickDestination(user, prefer);
  if (!dest) return;
  await sendCode(ctx, pool, user, dest, invitationMessage(pool, user, password));
}

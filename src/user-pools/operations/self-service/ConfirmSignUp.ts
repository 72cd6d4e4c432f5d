import type { ConfirmSignUpRequest, ConfirmSignUpResponse } from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import type { PoolRecord, UserRecord } from "../../../storage/records.ts";
import { redeemCode } from "../../domain/codes.ts";
import { addressUniqueness } from "../../domain/new-user.ts";
import { poolConfig } from "../../domain/pools.ts";
import { preventsUserExistenceErrors, resolvePublicCall, userNotFound } from "../../domain/self-service.ts";
import { defineOperation, type OperationContext } from "../../operation.ts";

export default defineOperation<ConfirmSignUpRequest, ConfirmSignUpResponse>("ConfirmSignUp", {
  auth: "public",
  async handle(input, ctx) {
    const { client, pool, user } = await resolvePublicCall(ctx, input);
    if (!user) {
      // Developer guide, "Managing user existence error responses": ENABLED answers as for a wrong code.
      if (preventsUserExistenceErrors(client)) {
        throw new ServiceError(
          "CodeMismatchException",
          "Invalid verification code provided, please try again.",
        );
      }
      throw userNotFound();
    }
    if (user.status !== "UNCONFIRMED") {
      throw new ServiceError(
        "NotAuthorizedException",
        `User cannot be confirmed. Current status is ${user.status}`,
      );
    }
    const { data: attribute } = await redeemCode(ctx, user, "signup", input.ConfirmationCode!);
    const verified = attribute === "email" || attribute === "phone_number" ? attribute : undefined;
    const holders = verified ? await aliasHolders(ctx, pool, user, verified) : [];
    if (holders.length > 0 && !input.ForceAliasCreation) {
      throw new ServiceError("AliasExistsException", `An account with the given ${verified} already exists.`);
    }
    const now = ctx.clock.nowMs();
    await ctx.store.transaction(async (tx) => {
      // ForceAliasCreation moves the alias: the other holder's attribute stops being verified.
      for (const other of holders)
        await tx.users.setAttributes(other, { [`${verified}_verified`]: "false" }, now);
      await tx.users.update(user.id, { status: "CONFIRMED" }, now);
      if (!verified) return;
      // The race-free check, in the write's transaction: another sign-up may have taken the alias
      // since `aliasHolders` looked.
      const taken = await tx.users.setAttributes(
        user,
        { [`${verified}_verified`]: "true" },
        now,
        addressUniqueness(pool),
      );
      if (taken)
        throw new ServiceError("AliasExistsException", `An account with the given ${taken} already exists.`);
    });
    return {};
  },
});

/** Other users whose verified `attribute` equals this user's and who use it to sign in (an alias). */
async function aliasHolders(
  ctx: OperationContext,
  pool: PoolRecord,
  user: UserRecord,
  attribute: "email" | "phone_number",
): Promise<UserRecord[]> {
  if (!(poolConfig(pool).AliasAttributes ?? []).includes(attribute)) return [];
  const value = user.attributes[attribute];
  if (!value) return [];
  const matches = await ctx.store.users.findByAttribute(pool.id, attribute, value);
  return matches.filter((m) => m.id !== user.id && m.attributes[`${attribute}_verified`] === "true");
}

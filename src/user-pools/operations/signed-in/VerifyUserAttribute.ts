import type {
  VerifyUserAttributeRequest,
  VerifyUserAttributeResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { redeemCode } from "../../domain/codes.ts";
import { addressUniqueness } from "../../domain/new-user.ts";
import { defineOperation } from "../../operation.ts";
import { signedIn } from "./caller.ts";
import { assertAddressFree, readTarget, requireVerifiable } from "./verification.ts";

/**
 * Marks the signed-in user's email or phone number verified with the code sent to it; a pending
 * update (AttributesRequireVerificationBeforeUpdate) takes effect now.
 */
export default defineOperation<VerifyUserAttributeRequest, VerifyUserAttributeResponse>(
  "VerifyUserAttribute",
  {
    auth: "access-token",
    async handle(input, ctx) {
      const { user, pool } = signedIn(ctx);
      const attr = requireVerifiable(input.AttributeName!);
      const purpose = `verify:${attr}` as const;
      if (
        !user.attributes[attr] &&
        !readTarget((await ctx.store.codes.get(user.id, purpose))?.data)?.pending
      ) {
        throw new ServiceError(
          "InvalidParameterException",
          `Unable to verify attribute: ${attr} no value set to verify`,
        );
      }
      // Redeemed outside any transaction, so a wrong guess is counted even though the call fails.
      const target = readTarget((await redeemCode(ctx, user, purpose, input.Code!)).data);
      const value = target?.value ?? user.attributes[attr];
      // A code vouches only for the address it was sent to.
      if (!value || (!target?.pending && value !== user.attributes[attr])) {
        throw new ServiceError("ExpiredCodeException", "Invalid code provided, please request a code again.");
      }
      await assertAddressFree(ctx, pool, user.id, attr, value, true);
      // The race-free check, in the write's transaction.
      const taken = await ctx.store.users.setAttributes(
        user,
        { [attr]: value, [`${attr}_verified`]: "true" },
        ctx.clock.nowMs(),
        addressUniqueness(pool),
      );
      if (taken)
        throw new ServiceError("AliasExistsException", `An account with the given ${taken} already exists.`);
      return {};
    },
  },
);

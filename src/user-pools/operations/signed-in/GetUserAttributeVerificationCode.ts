import type {
  GetUserAttributeVerificationCodeRequest,
  GetUserAttributeVerificationCodeResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { defineOperation } from "../../operation.ts";
import { signedIn } from "./caller.ts";
import {
  issueVerificationCode,
  readTarget,
  requireVerifiable,
  sendVerificationCode,
} from "./verification.ts";

const NO_ADDRESS = {
  email: "User does not have a valid registered email",
  phone_number: "User does not have a valid registered phone number",
};

/**
 * Sends a fresh code for the signed-in user's email or phone number. While an update waits for
 * verification (AttributesRequireVerificationBeforeUpdate), the code goes to the new address,
 * so a user whose first code expired can still complete the change.
 */
export default defineOperation<
  GetUserAttributeVerificationCodeRequest,
  GetUserAttributeVerificationCodeResponse
>("GetUserAttributeVerificationCode", {
  auth: "access-token",
  async handle(input, ctx) {
    const { user, pool } = signedIn(ctx);
    const attr = requireVerifiable(input.AttributeName!);
    const earlier = readTarget((await ctx.store.codes.get(user.id, `verify:${attr}`))?.data);
    const current = user.attributes[attr];
    const target = earlier?.pending ? earlier : current ? { value: current, pending: false } : undefined;
    if (!target) throw new ServiceError("InvalidParameterException", NO_ADDRESS[attr]);
    const code = await issueVerificationCode(ctx, user, attr, target);
    return { CodeDeliveryDetails: await sendVerificationCode(ctx, pool, user, attr, target.value, code) };
  },
});

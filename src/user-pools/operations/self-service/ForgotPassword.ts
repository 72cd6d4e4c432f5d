import type {
  ForgotPasswordRequest,
  ForgotPasswordResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { issueCode, sendCode } from "../../domain/codes.ts";
import { verificationMessage } from "../../domain/messages.ts";
import {
  preventsUserExistenceErrors,
  recoveryDestination,
  recoveryMedium,
  resolvePublicCall,
  simulatedDelivery,
  userNotFound,
} from "../../domain/self-service.ts";
import { defineOperation } from "../../operation.ts";

export default defineOperation<ForgotPasswordRequest, ForgotPasswordResponse>("ForgotPassword", {
  auth: "public",
  async handle(input, ctx) {
    const { client, pool, user } = await resolvePublicCall(ctx, input);
    if (!user) {
      if (preventsUserExistenceErrors(client))
        return { CodeDeliveryDetails: simulatedDelivery(pool, input.Username!, recoveryMedium(pool)) };
      throw userNotFound();
    }
    // A user who never replaced the temporary password is helped by AdminCreateUser's RESEND instead.
    if (user.status === "FORCE_CHANGE_PASSWORD") {
      throw new ServiceError("NotAuthorizedException", "User password cannot be reset in the current state.");
    }
    const dest = recoveryDestination(pool, user);
    const code = await issueCode(ctx, user, "forgot-password");
    return {
      CodeDeliveryDetails: await sendCode(ctx, pool, user, dest, verificationMessage(pool, user, code)),
    };
  },
});

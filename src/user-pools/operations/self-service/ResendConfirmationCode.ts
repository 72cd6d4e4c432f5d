import type {
  ResendConfirmationCodeRequest,
  ResendConfirmationCodeResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { issueCode, sendCode } from "../../domain/codes.ts";
import { verificationMessage } from "../../domain/messages.ts";
import {
  preventsUserExistenceErrors,
  resolvePublicCall,
  signUpDestination,
  signUpMedium,
  simulatedDelivery,
  userNotFound,
} from "../../domain/self-service.ts";
import { defineOperation } from "../../operation.ts";

export default defineOperation<ResendConfirmationCodeRequest, ResendConfirmationCodeResponse>(
  "ResendConfirmationCode",
  {
    auth: "public",
    async handle(input, ctx) {
      const { client, pool, user } = await resolvePublicCall(ctx, input);
      if (!user) {
        if (preventsUserExistenceErrors(client))
          return { CodeDeliveryDetails: simulatedDelivery(pool, input.Username!, signUpMedium(pool)) };
        throw userNotFound();
      }
      if (user.status !== "UNCONFIRMED")
        throw new ServiceError("InvalidParameterException", "User is already confirmed.");
      const dest = signUpDestination(pool, user);
      if (!dest) throw new ServiceError("InvalidParameterException", "Auto verification not turned on.");
      // A new code replaces the earlier one (issueCode overwrites it).
      const code = await issueCode(ctx, user, "signup", dest.attribute);
      return {
        CodeDeliveryDetails: await sendCode(ctx, pool, user, dest, verificationMessage(pool, user, code)),
      };
    },
  },
);

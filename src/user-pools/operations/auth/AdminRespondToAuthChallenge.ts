import type {
  AdminRespondToAuthChallengeRequest,
  AdminRespondToAuthChallengeResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { respondToAuthChallenge } from "../../auth/engine.ts";
import { defineOperation } from "../../operation.ts";

export default defineOperation<AdminRespondToAuthChallengeRequest, AdminRespondToAuthChallengeResponse>(
  "AdminRespondToAuthChallenge",
  {
    auth: "iam",
    handle: (input, ctx) =>
      respondToAuthChallenge(
        ctx,
        {
          clientId: input.ClientId!,
          poolId: input.UserPoolId!,
          challengeName: input.ChallengeName!,
          session: input.Session,
          responses: input.ChallengeResponses,
        },
        true,
      ),
  },
);

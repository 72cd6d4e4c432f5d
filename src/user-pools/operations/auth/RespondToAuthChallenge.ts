import type {
  RespondToAuthChallengeRequest,
  RespondToAuthChallengeResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { respondToAuthChallenge } from "../../auth/engine.ts";
import { defineOperation } from "../../operation.ts";

export default defineOperation<RespondToAuthChallengeRequest, RespondToAuthChallengeResponse>(
  "RespondToAuthChallenge",
  {
    auth: "public",
    handle: (input, ctx) =>
      respondToAuthChallenge(
        ctx,
        {
          clientId: input.ClientId!,
          challengeName: input.ChallengeName!,
          session: input.Session,
          responses: input.ChallengeResponses,
        },
        false,
      ),
  },
);

import type { AuthenticationResultType, ChallengeNameType } from "@aws-sdk/client-cognito-identity-provider";
import type { ClientRecord, PoolRecord, UserRecord } from "../../storage/records.ts";
import type { OperationContext } from "../operation.ts";

/** Everything a flow or challenge needs, for both the public and the Admin* operations. */
export interface AuthRequest {
  ctx: OperationContext;
  pool: PoolRecord;
  client: ClientRecord;
  /** True for AdminInitiateAuth / AdminRespondToAuthChallenge. */
  admin: boolean;
  params: Record<string, string>;
}

/** What a sign-in step ends in. Expected outcomes are values; only wire errors are thrown. */
export type AuthOutcome =
  | { kind: "tokens"; result: AuthenticationResultType }
  | {
      kind: "challenge";
      name: ChallengeNameType | string;
      parameters: Record<string, string>;
      /** Omitted only where Cognito sends none (USER_SRP_AUTH's PASSWORD_VERIFIER). */
      session?: string;
      availableChallenges?: string[];
    };

/** The InitiateAuth / RespondToAuthChallenge response for an outcome. */
export function toAuthResponse(o: AuthOutcome) {
  if (o.kind === "tokens") return { ChallengeParameters: {}, AuthenticationResult: o.result };
  return {
    ChallengeName: o.name as ChallengeNameType,
    Session: o.session,
    ChallengeParameters: o.parameters,
    ...(o.availableChallenges ? { AvailableChallenges: o.availableChallenges as ChallengeNameType[] } : {}),
  };
}

export type SignedInUser = { user: UserRecord };

import type { UserRecord } from "../../../storage/records.ts";
import type { SessionState } from "../challenge-session.ts";
import type { AuthOutcome, AuthRequest } from "../outcome.ts";

/** The answer to one ChallengeName of RespondToAuthChallenge / AdminRespondToAuthChallenge. */
export interface Challenge {
  readonly challenge: string;
  /** `user` is undefined only for decoy sessions (PreventUserExistenceErrors). */
  respond(req: AuthRequest, state: SessionState, user: UserRecord | undefined): Promise<AuthOutcome>;
  /** The session to use when the request has no Session (PASSWORD_VERIFIER's SECRET_BLOCK). */
  sessionFrom?(params: Record<string, string>): string | undefined;
  /**
   * The session of a step Cognito takes without one, kept by the server (DEVICE_SRP_AUTH: clients
   * send none, or the previous step's); used instead of the request's Session when there is one.
   */
  pendingSession?(req: AuthRequest): Promise<string | undefined>;
}

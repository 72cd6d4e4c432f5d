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
}

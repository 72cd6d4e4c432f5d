import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import type { AuthOutcome, AuthRequest } from "../outcome.ts";

/**
 * One AuthFlow of InitiateAuth / AdminInitiateAuth.
 * `allowedBy` lists the client ExplicitAuthFlows values that enable it.
 */
export interface AuthFlow {
  readonly flow: string;
  readonly allowedBy: readonly string[];
  /** Cognito's InvalidParameterException message when the client does not allow the flow. */
  readonly notEnabled?: string;
  /** Which operation may start it: InitiateAuth ("public"), AdminInitiateAuth ("admin") or both. */
  readonly via: "public" | "admin" | "both";
  start(req: AuthRequest): Promise<AuthOutcome>;
}

/** A required AuthParameters / ChallengeResponses entry: `InvalidParameterException: Missing required parameter USERNAME`. */
export function requireParam(params: Record<string, string>, name: string): string {
  const v = params[name];
  if (v === undefined || v === "")
    throw new ServiceError("InvalidParameterException", `Missing required parameter ${name}`);
  return v;
}

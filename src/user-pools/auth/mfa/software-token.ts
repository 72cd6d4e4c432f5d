import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import type { PoolRecord, UserRecord } from "../../../storage/records.ts";
import { authenticateAccessToken } from "../../access-token.ts";
import { TOTP_STEP_SECONDS, TOTP_WINDOW, verifyTotp } from "../../domain/totp.ts";
import type { OperationContext } from "../../operation.ts";
import type { SessionState } from "../challenge-session.ts";
import { sealSession } from "../complete.ts";
import { mfaOf, poolMfa, saveMfa } from "./settings.ts";

/**
 * Whom AssociateSoftwareToken and VerifySoftwareToken act for: a signed-in user (AccessToken)
 * or a sign-in stopped at MFA_SETUP (Session).
 */
export type TokenSubject =
  | { kind: "signed-in"; user: UserRecord; pool: PoolRecord }
  | { kind: "setup"; user: UserRecord; pool: PoolRecord; state: SessionState };

const invalidSession = () => new ServiceError("NotAuthorizedException", "Invalid session for the user.");

/** Resolves the caller from an access token or an MFA_SETUP session (API reference: "either ... or"). */
export async function tokenSubject(
  ctx: OperationContext,
  accessToken: string | undefined,
  session: string | undefined,
): Promise<TokenSubject> {
  if (accessToken !== undefined) {
    const { user, pool } = await authenticateAccessToken(accessToken, ctx);
    return { kind: "signed-in", user, pool };
  }
  if (session === undefined) {
    throw new ServiceError("InvalidParameterException", "An AccessToken or a Session is required.");
  }
  const state = ctx.services.sessions.open(session);
  if (state.challenge !== "MFA_SETUP") throw invalidSession();
  const pool = await ctx.store.pools.get(state.poolId);
  const user = pool && (await ctx.store.users.getById(pool.id, state.userId));
  if (!pool || !user) throw invalidSession();
  return { kind: "setup", user, pool, state };
}

/** Cognito refuses TOTP setup in pools without TOTP MFA (developer guide, "TOTP software token MFA"). */
export function assertPoolOffersTotp(pool: PoolRecord): void {
  if (!poolMfa(pool).totp) {
    throw new ServiceError(
      "SoftwareTokenMFANotFoundException",
      "Software Token MFA has not been enabled by the userPool.",
    );
  }
}

/** Uses up an MFA_SETUP session and returns the next one, carrying `data`. */
export async function nextSetupSession(
  ctx: OperationContext,
  subject: Extract<TokenSubject, { kind: "setup" }>,
  data: Record<string, unknown>,
): Promise<string> {
  const client = await ctx.store.clients.get(subject.state.clientId);
  if (!client) throw invalidSession();
  await ctx.services.sessions.consume(subject.state);
  const req = { ctx, pool: subject.pool, client, admin: false, params: {} };
  return sealSession(req, subject.user, "MFA_SETUP", subject.state.flow, data);
}

/**
 * Accepts a sign-in TOTP at most once: the step must be later than the last one accepted, and
 * the step is claimed atomically in storage so two instances cannot both take the same code.
 * Returns false for a wrong or replayed code.
 */
export async function acceptTotp(ctx: OperationContext, user: UserRecord, code: string): Promise<boolean> {
  const mfa = mfaOf(user);
  if (!mfa.totpSecret) return false;
  const step = verifyTotp(mfa.totpSecret, code, ctx.clock.nowMs(), mfa.totpLastStep);
  if (step === undefined) return false;
  const stepEndsMs = (step + TOTP_WINDOW + 1) * TOTP_STEP_SECONDS * 1000;
  if (!(await ctx.store.sessions.markUsed(`totp:${user.id}:${step}`, stepEndsMs))) return false;
  await saveMfa(ctx, user, { ...mfa, totpLastStep: step });
  return true;
}

import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { afterFirstFactor } from "../complete.ts";
import type { VerifierSessionData } from "../flows/user-srp.ts";
import { assertCanSignIn, assertNotLockedOut, failedAttempt } from "../password-check.ts";
import { readPasswordClaim, sessionFromSecretBlock } from "../srp/claim.ts";
import { claimSignature, signatureMatches, srpPoolName } from "../srp/protocol.ts";
import { formatTimestamp } from "../srp/timestamp.ts";
import type { Challenge } from "./types.ts";

/**
 * How far TIMESTAMP may be from the server's clock. Cognito documents no figure; cognate takes
 * five minutes, the usual AWS request-skew allowance, which clients with a sane clock always meet.
 */
export const TIMESTAMP_SKEW_MS = 5 * 60_000;

const incorrect = () => new ServiceError("NotAuthorizedException", "Incorrect username or password.");

/**
 * PASSWORD_VERIFIER: PASSWORD_CLAIM_SIGNATURE, PASSWORD_CLAIM_SECRET_BLOCK and TIMESTAMP after
 * the client's SRP computation. A wrong signature counts towards the lockout like a wrong
 * password; Cognito signs the canonical form of TIMESTAMP, so a zero-padded day or a wrong weekday
 * fails the proof as well (measured, ministackorg/ministack#1758).
 */
export const passwordVerifier: Challenge = {
  challenge: "PASSWORD_VERIFIER",
  sessionFrom: sessionFromSecretBlock,
  async respond(req, state, user) {
    const { signature, blockBytes, when } = readPasswordClaim(req.params);
    // The SECRET_BLOCK must be the one this session handed out.
    let blockId: string | undefined;
    try {
      blockId = req.ctx.services.sessions.open(blockBytes.toString("base64url")).id;
    } catch {
      blockId = undefined;
    }
    if (blockId !== state.id) throw incorrect();
    const data = (state.data ?? {}) as VerifierSessionData;
    if (!user || !data.key) {
      await req.ctx.services.sessions.consume(state);
      throw incorrect();
    }
    assertNotLockedOut(req.ctx, user);
    await req.ctx.services.sessions.consume(state);
    if (Math.abs(req.ctx.clock.nowMs() - when) > TIMESTAMP_SKEW_MS) throw incorrect();
    const expected = claimSignature(
      Buffer.from(data.key, "base64"),
      srpPoolName(req.pool.id),
      state.username,
      blockBytes,
      formatTimestamp(when),
    );
    if (!signatureMatches(expected, signature) || data.salt !== user.srpSalt)
      return failedAttempt(req.ctx, user);
    assertCanSignIn(req.ctx, req.pool, user);
    if (user.failedAttempts > 0 || user.lockedUntil !== null) {
      await req.ctx.store.users.update(user.id, { failedAttempts: 0, lockedUntil: null }, user.updatedAt);
    }
    return afterFirstFactor(req, user, state.flow);
  },
};

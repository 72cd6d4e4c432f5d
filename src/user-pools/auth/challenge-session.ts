import { createCipheriv, createDecipheriv } from "node:crypto";
import { ServiceError } from "../../protocol/aws-json/errors.ts";
import type { Clock } from "../../runtime/clock.ts";
import type { Random } from "../../runtime/random.ts";
import type { Store } from "../../storage/store.ts";

/** What a challenge Session carries between InitiateAuth and RespondToAuthChallenge. */
export interface SessionState {
  /** Unique id, recorded when the session is used so it works only once. */
  id: string;
  poolId: string;
  clientId: string;
  userId: string;
  username: string;
  /** The challenge this session answers. */
  challenge: string;
  /** Expiry, epoch ms. */
  exp: number;
  /** The flow that started the sign-in (for USER_AUTH rules). */
  flow: string;
  /** Flow-specific data (e.g. the OTP code hash). */
  data?: Record<string, unknown>;
}

/** Cognito's session lifetime for challenges: 3 minutes (developer guide, "Authentication flow session"). */
export const SESSION_TTL_MS = 3 * 60 * 1000;

/**
 * Opaque, tamper-proof challenge sessions: AES-256-GCM with a key kept in storage,
 * so every instance sharing the database can open them.
 */
export class ChallengeSessions {
  constructor(
    private readonly key: Buffer,
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly random: Random,
  ) {}

  seal(state: Omit<SessionState, "id" | "exp">, ttlMs = SESSION_TTL_MS): string {
    const full: SessionState = { ...state, id: this.random.uuid(), exp: this.clock.nowMs() + ttlMs };
    const iv = this.random.bytes(12);
    const c = createCipheriv("aes-256-gcm", this.key, iv);
    const body = Buffer.concat([c.update(JSON.stringify(full), "utf8"), c.final()]);
    return Buffer.concat([iv, body, c.getAuthTag()]).toString("base64url");
  }

  /** Opens a session without consuming it. Throws Cognito's errors for tampered or expired sessions. */
  open(session: string): SessionState {
    const invalid = new ServiceError("NotAuthorizedException", "Invalid session for the user.");
    let state: SessionState;
    try {
      const raw = Buffer.from(session, "base64url");
      if (raw.length < 29) throw invalid;
      const d = createDecipheriv("aes-256-gcm", this.key, raw.subarray(0, 12));
      d.setAuthTag(raw.subarray(raw.length - 16));
      state = JSON.parse(
        Buffer.concat([d.update(raw.subarray(12, raw.length - 16)), d.final()]).toString("utf8"),
      ) as SessionState;
    } catch {
      throw invalid;
    }
    if (state.exp <= this.clock.nowMs()) {
      throw new ServiceError("NotAuthorizedException", "Invalid session for the user, session is expired.");
    }
    return state;
  }

  /** Marks the session used; a second use is refused as Cognito refuses it. */
  async consume(state: SessionState): Promise<void> {
    const first = await this.store.sessions.markUsed(state.id, state.exp);
    if (!first)
      throw new ServiceError(
        "NotAuthorizedException",
        "Invalid session for the user, session can only be used once.",
      );
  }
}

import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { findUser } from "../../domain/users.ts";
import { TIMESTAMP_SKEW_MS } from "../challenges/password-verifier.ts";
import type { Challenge } from "../challenges/types.ts";
import { sealSession, tokensFor } from "../complete.ts";
import { requireParam } from "../flows/types.ts";
import { parseSrpA } from "../flows/user-srp.ts";
import type { AuthRequest } from "../outcome.ts";
import { readPasswordClaim, sessionFromSecretBlock } from "../srp/claim.ts";
import { claimSignature, serverExchange, signatureMatches } from "../srp/protocol.ts";
import { formatTimestamp } from "../srp/timestamp.ts";
import { DEVICE_SIGN_IN } from "./sign-in.ts";
import { deviceNotFound } from "./tracking.ts";

/** What the device SRP sessions carry: the device, and after SRP_A the derived key. */
interface DeviceSessionData {
  deviceKey?: string;
  /** base64 of the 16-byte HKDF key the PASSWORD_CLAIM_SIGNATURE is checked with. */
  key?: string;
}

const invalidSession = () => new ServiceError("NotAuthorizedException", "Invalid session for the user.");
const incorrect = () => new ServiceError("NotAuthorizedException", "Incorrect username or password.");

/**
 * DEVICE_SRP_AUTH answered with DEVICE_KEY and SRP_A: the device's own SRP, in which the device
 * key is the user name and the DeviceGroupKey the pool name (CognitoUser.getDeviceResponse,
 * AuthenticationHelper.generateHashDevice). Answers DEVICE_PASSWORD_VERIFIER with SALT, SRP_B and
 * a SECRET_BLOCK that is the next session, as PASSWORD_VERIFIER's is.
 */
export const deviceSrpAuth: Challenge = {
  challenge: "DEVICE_SRP_AUTH",
  // The user's pending device sign-in, for the device this answer names (sign-in.ts, deviceChallenge).
  async pendingSession(req) {
    const user = req.params.USERNAME ? await findUser(req.ctx, req.pool, req.params.USERNAME) : undefined;
    const pending = user && (await req.ctx.store.codes.get(user.id, DEVICE_SIGN_IN));
    if (!pending?.data) return undefined;
    try {
      const state = req.ctx.services.sessions.open(pending.data);
      return (state.data as DeviceSessionData).deviceKey === req.params.DEVICE_KEY ? pending.data : undefined;
    } catch {
      return undefined;
    }
  },
  async respond(req, state, user) {
    const deviceKey = requireParam(req.params, "DEVICE_KEY");
    const A = parseSrpA(req.params);
    const data = (state.data ?? {}) as DeviceSessionData;
    if (!user || data.deviceKey !== deviceKey) throw invalidSession();
    const device = await req.ctx.store.devices.get(deviceKey);
    if (!device || device.userId !== user.id) throw deviceNotFound();
    await req.ctx.services.sessions.consume(state);
    await req.ctx.store.codes.delete(user.id, DEVICE_SIGN_IN);
    let exchange: ReturnType<typeof serverExchange>;
    do
      exchange = serverExchange(
        A,
        device.srpVerifier,
        BigInt(`0x${req.ctx.random.bytes(32).toString("hex")}`),
      );
    while (!exchange);
    const next: DeviceSessionData = { deviceKey, key: exchange.key.toString("base64") };
    const session = sealSession(
      req,
      user,
      "DEVICE_PASSWORD_VERIFIER",
      state.flow,
      next as Record<string, unknown>,
    );
    return {
      kind: "challenge",
      name: "DEVICE_PASSWORD_VERIFIER",
      parameters: {
        SALT: device.srpSalt,
        SRP_B: exchange.B.toString(16),
        SECRET_BLOCK: Buffer.from(session, "base64url").toString("base64"),
        USERNAME: user.username,
      },
      session,
    };
  },
};

/**
 * DEVICE_PASSWORD_VERIFIER answered with PASSWORD_CLAIM_SIGNATURE = HMAC(key, DeviceGroupKey ‖
 * DEVICE_KEY ‖ SECRET_BLOCK ‖ TIMESTAMP), PASSWORD_CLAIM_SECRET_BLOCK and TIMESTAMP: the device
 * has proved it holds its secret, and the sign-in ends in tokens tied to it.
 */
export const devicePasswordVerifier: Challenge = {
  challenge: "DEVICE_PASSWORD_VERIFIER",
  // Answered without Session by some clients (as DEVICE_SRP_AUTH): the SECRET_BLOCK is the session.
  sessionFrom: sessionFromSecretBlock,
  async respond(req, state, user) {
    const { signature, blockBytes, when } = readPasswordClaim(req.params);
    // The SECRET_BLOCK must be the one this session handed out.
    if (!opensTo(req, blockBytes, state.id)) throw incorrect();
    const data = (state.data ?? {}) as DeviceSessionData;
    if (!user || !data.deviceKey || !data.key) throw invalidSession();
    await req.ctx.services.sessions.consume(state);
    if (Math.abs(req.ctx.clock.nowMs() - when) > TIMESTAMP_SKEW_MS) throw incorrect();
    const device = await req.ctx.store.devices.get(data.deviceKey);
    if (!device || device.userId !== user.id) throw deviceNotFound();
    const expected = claimSignature(
      Buffer.from(data.key, "base64"),
      device.groupKey,
      device.deviceKey,
      blockBytes,
      formatTimestamp(when),
    );
    if (!signatureMatches(expected, signature)) throw incorrect();
    if (!user.enabled) throw new ServiceError("NotAuthorizedException", "User is disabled.");
    return tokensFor(req, user, device);
  },
};

/** Whether a SECRET_BLOCK is the sealed session with this id. */
function opensTo(req: AuthRequest, block: Buffer, id: string): boolean {
  try {
    return req.ctx.services.sessions.open(block.toString("base64url")).id === id;
  } catch {
    return false;
  }
}

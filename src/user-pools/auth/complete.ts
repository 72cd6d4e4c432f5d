import type { UserRecord } from "../../storage/records.ts";
import type { DeviceRecord } from "../../storage/repositories/devices.ts";
import { clientConfig, poolConfig } from "../domain/pools.ts";
import { SESSION_TTL_MS, type SessionState } from "./challenge-session.ts";
import { deviceChallenge, rememberedDeviceSkipsMfa, withDevice } from "./devices/sign-in.ts";
import { mfaChallenge } from "./mfa/start.ts";
import type { AuthOutcome, AuthRequest } from "./outcome.ts";

/**
 * Issues tokens for a user who has passed every step of sign-in; a sign-in from a known device
 * (DEVICE_KEY) first proves the device with DEVICE_SRP_AUTH (auth/devices).
 */
export async function issueTokens(req: AuthRequest, user: UserRecord): Promise<AuthOutcome> {
  return (await deviceChallenge(req, user)) ?? tokensFor(req, user);
}

/** The tokens, with what they carry about devices; `device` is the one the sign-in proved, if any. */
export async function tokensFor(
  req: AuthRequest,
  user: UserRecord,
  device?: DeviceRecord,
): Promise<AuthOutcome> {
  const { items: groups } = await req.ctx.store.groups.listForUser(user.id);
  const result = await req.ctx.services.tokens.issue({ pool: req.pool, client: req.client, user, groups });
  return { kind: "tokens", result: await withDevice(req, user, result, device) };
}

/** Seals a challenge session for this client, with the client's AuthSessionValidity (default 3 minutes). */
export function sealSession(
  req: AuthRequest,
  user: UserRecord,
  challenge: string,
  flow: string,
  data?: Record<string, unknown>,
): string {
  const minutes = clientConfig(req.client).AuthSessionValidity;
  const state: Omit<SessionState, "id" | "exp"> = {
    poolId: req.pool.id,
    clientId: req.client.clientId,
    userId: user.id,
    username: user.username,
    challenge,
    flow,
    ...(data ? { data } : {}),
  };
  return req.ctx.services.sessions.seal(state, minutes ? minutes * 60_000 : SESSION_TTL_MS);
}

/**
 * What follows a correct first factor: the NEW_PASSWORD_REQUIRED challenge for users with a
 * temporary password, MFA where the pool requires it, otherwise tokens.
 */
export async function afterFirstFactor(
  req: AuthRequest,
  user: UserRecord,
  flow: string,
): Promise<AuthOutcome> {
  if (user.status === "FORCE_CHANGE_PASSWORD") return newPasswordChallenge(req, user, flow);
  return afterPasswordSet(req, user, flow);
}

/** The MFA step (auth/mfa/start.ts), skipped on a remembered device where the pool allows it, then tokens. */
export async function afterPasswordSet(
  req: AuthRequest,
  user: UserRecord,
  flow: string,
): Promise<AuthOutcome> {
  if (await rememberedDeviceSkipsMfa(req, user)) return issueTokens(req, user);
  return (await mfaChallenge(req, user, flow)) ?? issueTokens(req, user);
}

/**
 * NEW_PASSWORD_REQUIRED, with the parameters Cognito sends: USER_ID_FOR_SRP, requiredAttributes
 * (JSON array of "userAttributes.<name>" still missing) and userAttributes (JSON object).
 */
export function newPasswordChallenge(req: AuthRequest, user: UserRecord, flow: string): AuthOutcome {
  const schema = poolConfig(req.pool).SchemaAttributes ?? [];
  const required = schema
    .filter((s) => s.Required && s.Name !== "sub" && !user.attributes[s.Name!])
    .map((s) => `userAttributes.${s.Name}`);
  const { sub: _sub, ...visible } = user.attributes;
  return {
    kind: "challenge",
    name: "NEW_PASSWORD_REQUIRED",
    parameters: {
      USER_ID_FOR_SRP: user.username,
      requiredAttributes: JSON.stringify(required),
      userAttributes: JSON.stringify(visible),
    },
    session: sealSession(req, user, "NEW_PASSWORD_REQUIRED", flow),
  };
}

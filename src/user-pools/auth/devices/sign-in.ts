import type { AuthenticationResultType } from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt } from "jose";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import type { RefreshTokenRecord, UserRecord } from "../../../storage/records.ts";
import type { DeviceRecord } from "../../../storage/repositories/devices.ts";
import { sealSession } from "../complete.ts";
import type { AuthOutcome, AuthRequest } from "../outcome.ts";
import { deviceGroupKey, deviceNotFound, deviceTracking, offeredDeviceKey } from "./tracking.ts";

const lookups = new WeakMap<AuthRequest, Promise<DeviceRecord | undefined>>();

/**
 * The device a sign-in step names with DEVICE_KEY, in a pool that tracks devices; undefined
 * without one. A key that is not one of the user's devices is refused with
 * `ResourceNotFoundException: Device does not exist.`, on which amazon-cognito-identity-js drops
 * its stored key and answers PASSWORD_VERIFIER again with the same session (CognitoUser.js,
 * authenticateUserDefaultAuth), so RespondToAuthChallenge checks this before using the session.
 */
export function signInDevice(req: AuthRequest, user: UserRecord): Promise<DeviceRecord | undefined> {
  let lookup = lookups.get(req);
  if (!lookup) {
    lookup = findDevice(req, user);
    lookups.set(req, lookup);
  }
  return lookup;
}

async function findDevice(req: AuthRequest, user: UserRecord): Promise<DeviceRecord | undefined> {
  const key: unknown = req.params.DEVICE_KEY;
  if (!deviceTracking(req.pool) || typeof key !== "string" || key === "") return undefined;
  const device = await req.ctx.store.devices.get(key);
  if (!device || device.userId !== user.id) throw deviceNotFound();
  return device;
}

/**
 * True when the sign-in comes from a remembered device and the pool lets remembered devices
 * stand in for MFA (DeviceConfiguration.ChallengeRequiredOnNewDevice, CloudFormation reference,
 * "AWS::Cognito::UserPool DeviceConfiguration"). The device still proves itself with
 * DEVICE_SRP_AUTH before any token is issued.
 */
export async function rememberedDeviceSkipsMfa(req: AuthRequest, user: UserRecord): Promise<boolean> {
  const device = await signInDevice(req, user);
  return deviceTracking(req.pool)?.ChallengeRequiredOnNewDevice === true && device?.status === "remembered";
}

/** The code row that keeps a pending DEVICE_SRP_AUTH session (challenges.ts, pendingSession). */
export const DEVICE_SIGN_IN = "device-sign-in";

/**
 * DEVICE_SRP_AUTH, the last step of a sign-in from a known device (remembered or not): the
 * device answers with SRP_A for its own verifier. Undefined when the sign-in names no device.
 * Clients answer it without the Session (AWS SDK code examples, cognito_idp_actions.py,
 * sign_in_with_tracked_device) or with the previous step's (CognitoUser.sendMFACode), so the
 * session is also kept for the user, one pending device sign-in at a time.
 */
export async function deviceChallenge(req: AuthRequest, user: UserRecord): Promise<AuthOutcome | undefined> {
  const device = await signInDevice(req, user);
  if (!device) return undefined;
  // The flow that started the sign-in no longer matters once only the device is left to prove.
  const session = sealSession(req, user, "DEVICE_SRP_AUTH", "", { deviceKey: device.deviceKey });
  const { exp } = req.ctx.services.sessions.open(session);
  await req.ctx.store.codes.put({
    userId: user.id,
    purpose: DEVICE_SIGN_IN,
    codeHash: "",
    data: session,
    attempts: 0,
    expiresAt: exp,
    createdAt: req.ctx.clock.nowMs(),
  });
  return { kind: "challenge", name: "DEVICE_SRP_AUTH", parameters: {}, session };
}

/**
 * What issued tokens carry about devices: after a device proved itself, the sign-in is tied to
 * it (its refresh token then needs its DEVICE_KEY); otherwise, in a pool that tracks devices,
 * NewDeviceMetadata with the key this sign-in may confirm (ConfirmDevice) and the user's group key.
 */
export async function withDevice(
  req: AuthRequest,
  user: UserRecord,
  result: AuthenticationResultType,
  device: DeviceRecord | undefined,
): Promise<AuthenticationResultType> {
  if (!device && !deviceTracking(req.pool)) return result;
  const originJti = decodeJwt(result.AccessToken!).origin_jti as string;
  if (device) {
    const now = req.ctx.clock.nowMs();
    await req.ctx.store.transaction(async (tx) => {
      await tx.devices.bindSession(originJti, device.deviceKey, user.id);
      await tx.devices.recordSignIn(device.deviceKey, req.ctx.sourceIp, now);
    });
    return result;
  }
  return {
    ...result,
    NewDeviceMetadata: {
      DeviceKey: await offeredDeviceKey(req.ctx, req.pool.id, originJti),
      DeviceGroupKey: await deviceGroupKey(req.ctx, req.pool.id, user.id),
    },
  };
}

/**
 * REFRESH_TOKEN_AUTH for a sign-in made on a device needs that device's DEVICE_KEY, and fails
 * once the device is forgotten: "With device tracking, these tokens are linked to a single
 * device" (AWS Mobile blog, "Tracking and Remembering Devices Using Amazon Cognito Your User Pools").
 */
export async function checkRefreshDevice(req: AuthRequest, stored: RefreshTokenRecord): Promise<void> {
  if (!deviceTracking(req.pool)) return;
  const bound = await req.ctx.store.devices.sessionDevice(stored.originJti);
  if (bound === undefined) return;
  const device = req.params.DEVICE_KEY === bound ? await req.ctx.store.devices.get(bound) : undefined;
  if (!device || device.userId !== stored.userId)
    throw new ServiceError("NotAuthorizedException", "Invalid Refresh Token");
}

import { createHmac } from "node:crypto";
import type { DeviceConfigurationType } from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import type { PoolRecord } from "../../../storage/records.ts";
import type { Store } from "../../../storage/store.ts";
import { poolConfig } from "../../domain/pools.ts";
import type { OperationContext } from "../../operation.ts";

/**
 * The pool's DeviceConfiguration, or undefined when it does not track devices ("Don't remember",
 * the default). With one, every sign-in that does not come from a known device is offered a new
 * device key (developer guide, "Working with user devices in your user pool").
 */
export function deviceTracking(pool: PoolRecord): DeviceConfigurationType | undefined {
  return poolConfig(pool).DeviceConfiguration ?? undefined;
}

/** Cognito's answer for a device key the user does not have (aws-amplify/amplify-android#2605). */
export const deviceNotFound = () => new ServiceError("ResourceNotFoundException", "Device does not exist.");

const secrets = new WeakMap<Store, Promise<Buffer>>();

/** A per-deployment secret the device keys offered at sign-in are derived from. */
function deviceSecret(ctx: Pick<OperationContext, "store" | "random">): Promise<Buffer> {
  let secret = secrets.get(ctx.store);
  if (!secret) {
    secret = ctx.store.meta
      .getOrCreate("device-key-secret", ctx.random.bytes(32).toString("base64"))
      .then((v) => Buffer.from(v, "base64"));
    secrets.set(ctx.store, secret);
  }
  return secret;
}

async function mac(ctx: Pick<OperationContext, "store" | "random">, ...parts: string[]): Promise<Buffer> {
  return createHmac("sha256", await deviceSecret(ctx))
    .update(parts.join("\0"))
    .digest();
}

/**
 * The DeviceKey offered to the sign-in whose tokens carry `originJti`: `<region>_<uuid>`, the uuid
 * derived from the sign-in, so ConfirmDevice can tell a key this sign-in was given from any other
 * without a row per sign-in.
 *
 * @example await offeredDeviceKey(ctx, "us-east-1_AbC", claims.origin_jti) // "us-east-1_3f2a…"
 */
export async function offeredDeviceKey(
  ctx: Pick<OperationContext, "store" | "random">,
  poolId: string,
  originJti: string,
): Promise<string> {
  const b = (await mac(ctx, "device-key", poolId, originJti)).subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.toString("hex");
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return `${poolId.slice(0, poolId.indexOf("_"))}_${uuid}`;
}

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/**
 * The user's DeviceGroupKey, the same for all of their devices: "-" and eight letters or digits,
 * as Cognito's look ("-v7w9UcY6", AWS CLI reference, initiate-auth example).
 */
export async function deviceGroupKey(
  ctx: Pick<OperationContext, "store" | "random">,
  poolId: string,
  userId: string,
): Promise<string> {
  const b = await mac(ctx, "device-group", poolId, userId);
  return `-${[...b.subarray(0, 8)].map((x) => ALPHANUMERIC[x % ALPHANUMERIC.length]).join("")}`;
}

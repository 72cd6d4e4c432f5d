import type {
  AttributeType,
  DeviceRememberedStatusType,
  DeviceType,
} from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import type { UserRecord } from "../../../storage/records.ts";
import type { DeviceRecord } from "../../../storage/repositories/devices.ts";
import { deviceNotFound } from "../../auth/devices/tracking.ts";
import { decodePageToken, encodePageToken, pageLimit } from "../../domain/page-token.ts";
import type { OperationContext } from "../../operation.ts";

/** ListDevices and AdminListDevices without a Limit: the model's maximum. */
const DEFAULT_LIMIT = 60;

/**
 * The user's device with this key. `rememberedOnly` is for GetDevice, which "returns information
 * about a remembered device" (API reference): a device the user has not remembered is as unknown
 * as a made-up key there (aws-amplify/aws-sdk-android, AWSMobileClientTest.testRememberDevice).
 */
export async function requireDevice(
  ctx: Pick<OperationContext, "store">,
  user: UserRecord,
  deviceKey: string,
  rememberedOnly = false,
): Promise<DeviceRecord> {
  const device = await ctx.store.devices.get(deviceKey);
  if (!device || device.userId !== user.id || (rememberedOnly && device.status !== "remembered"))
    throw deviceNotFound();
  return device;
}

/**
 * The DeviceType of GetDevice and ListDevices, with the attributes Cognito lists (AWS CLI
 * reference, get-device example): device_status, device_name, dev:device_arn, dev:device_owner,
 * last_ip_used, dev:device_remembered_status.
 */
export function toDeviceType(d: DeviceRecord, user: UserRecord): DeviceType {
  const region = d.poolId.slice(0, d.poolId.indexOf("_"));
  const owner = `${user.username}.${d.poolId}`;
  const attributes: AttributeType[] = [{ Name: "device_status", Value: "valid" }];
  if (d.name !== null) attributes.push({ Name: "device_name", Value: d.name });
  attributes.push(
    {
      Name: "dev:device_arn",
      Value: `arn:aws:cognito-idp:${region}:000000000000:owner/${owner}/device/${d.deviceKey}`,
    },
    { Name: "dev:device_owner", Value: owner },
  );
  if (d.lastIp !== null) attributes.push({ Name: "last_ip_used", Value: d.lastIp });
  attributes.push({ Name: "dev:device_remembered_status", Value: d.status });
  return {
    DeviceKey: d.deviceKey,
    DeviceAttributes: attributes,
    DeviceCreateDate: new Date(d.createdAt),
    DeviceLastModifiedDate: new Date(d.updatedAt),
    ...(d.lastAuthenticatedAt !== null
      ? { DeviceLastAuthenticatedDate: new Date(d.lastAuthenticatedAt) }
      : {}),
  };
}

/**
 * A page of the user's devices, oldest first. ListDevices shows remembered devices only (the
 * test cited at {@link requireDevice}); AdminListDevices shows every device.
 */
export async function listDevices(
  ctx: Pick<OperationContext, "store">,
  user: UserRecord,
  input: { Limit?: number; PaginationToken?: string },
  rememberedOnly: boolean,
): Promise<{ Devices: DeviceType[]; PaginationToken?: string }> {
  const page = await ctx.store.devices.listForUser(user.id, {
    limit: pageLimit(input.Limit, DEFAULT_LIMIT),
    after: decodePageToken(input.PaginationToken),
    ...(rememberedOnly ? { status: "remembered" as const } : {}),
  });
  const token = encodePageToken(page.next);
  return {
    Devices: page.items.map((d) => toDeviceType(d, user)),
    ...(token ? { PaginationToken: token } : {}),
  };
}

/** UpdateDeviceStatus and AdminUpdateDeviceStatus: remembered or not; the device stays either way. */
export async function setDeviceStatus(
  ctx: Pick<OperationContext, "store" | "clock">,
  user: UserRecord,
  deviceKey: string,
  status: DeviceRememberedStatusType | undefined,
): Promise<void> {
  if (status === undefined) {
    throw new ServiceError("InvalidParameterException", "DeviceRememberedStatus is required.");
  }
  if (!(await ctx.store.devices.setStatus(user.id, deviceKey, status, ctx.clock.nowMs())))
    throw deviceNotFound();
}

/**
 * ForgetDevice and AdminForgetDevice: the device is gone, and the refresh tokens of the sign-ins
 * made on it stop working (auth/devices/sign-in.ts, checkRefreshDevice).
 */
export async function forgetDevice(
  ctx: Pick<OperationContext, "store">,
  user: UserRecord,
  deviceKey: string,
): Promise<void> {
  if (!(await ctx.store.devices.delete(user.id, deviceKey))) throw deviceNotFound();
}

import type {
  AdminGetDeviceRequest,
  AdminGetDeviceResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { requirePool } from "../../domain/pools.ts";
import { requireUser } from "../../domain/users.ts";
import { defineOperation } from "../../operation.ts";
import { requireDevice, toDeviceType } from "./devices.ts";

/** One of a user's devices, remembered or not. */
export default defineOperation<AdminGetDeviceRequest, AdminGetDeviceResponse>("AdminGetDevice", {
  auth: "iam",
  async handle(input, ctx) {
    const user = await requireUser(ctx, await requirePool(ctx, input.UserPoolId!), input.Username!);
    return { Device: toDeviceType(await requireDevice(ctx, user, input.DeviceKey!), user) };
  },
});

import type {
  UpdateDeviceStatusRequest,
  UpdateDeviceStatusResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../../operation.ts";
import { signedIn } from "../signed-in/caller.ts";
import { setDeviceStatus } from "./devices.ts";

/** Marks one of the signed-in user's devices remembered or not remembered. */
export default defineOperation<UpdateDeviceStatusRequest, UpdateDeviceStatusResponse>("UpdateDeviceStatus", {
  auth: "access-token",
  async handle(input, ctx) {
    await setDeviceStatus(ctx, signedIn(ctx).user, input.DeviceKey!, input.DeviceRememberedStatus);
    return {};
  },
});

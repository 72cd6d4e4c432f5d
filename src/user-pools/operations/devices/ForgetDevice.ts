import type { ForgetDeviceRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../../operation.ts";
import { signedIn } from "../signed-in/caller.ts";
import { forgetDevice } from "./devices.ts";

/** Forgets one of the signed-in user's devices, remembered or not. */
export default defineOperation<ForgetDeviceRequest, Record<string, never>>("ForgetDevice", {
  auth: "access-token",
  async handle(input, ctx) {
    await forgetDevice(ctx, signedIn(ctx).user, input.DeviceKey!);
    return {};
  },
});

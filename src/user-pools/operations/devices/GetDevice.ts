import type { GetDeviceRequest, GetDeviceResponse } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../../operation.ts";
import { signedIn } from "../signed-in/caller.ts";
import { requireDevice, toDeviceType } from "./devices.ts";

/** One of the signed-in user's remembered devices. */
export default defineOperation<GetDeviceRequest, GetDeviceResponse>("GetDevice", {
  auth: "access-token",
  async handle(input, ctx) {
    const { user } = signedIn(ctx);
    return { Device: toDeviceType(await requireDevice(ctx, user, input.DeviceKey!, true), user) };
  },
});

import type { ListDevicesRequest, ListDevicesResponse } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../../operation.ts";
import { signedIn } from "../signed-in/caller.ts";
import { listDevices } from "./devices.ts";

/** The signed-in user's remembered devices, oldest first. */
export default defineOperation<ListDevicesRequest, ListDevicesResponse>("ListDevices", {
  auth: "access-token",
  async handle(input, ctx) {
    return listDevices(ctx, signedIn(ctx).user, input, true);
  },
});

import type { AdminForgetDeviceRequest } from "@aws-sdk/client-cognito-identity-provider";
import { requirePool } from "../../domain/pools.ts";
import { requireUser } from "../../domain/users.ts";
import { defineOperation } from "../../operation.ts";
import { forgetDevice } from "./devices.ts";

/** Forgets one of a user's devices. */
export default defineOperation<AdminForgetDeviceRequest, Record<string, never>>("AdminForgetDevice", {
  auth: "iam",
  async handle(input, ctx) {
    const user = await requireUser(ctx, await requirePool(ctx, input.UserPoolId!), input.Username!);
    await forgetDevice(ctx, user, input.DeviceKey!);
    return {};
  },
});

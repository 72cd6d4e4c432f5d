import type {
  AdminUpdateDeviceStatusRequest,
  AdminUpdateDeviceStatusResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { requirePool } from "../../domain/pools.ts";
import { requireUser } from "../../domain/users.ts";
import { defineOperation } from "../../operation.ts";
import { setDeviceStatus } from "./devices.ts";

/** Marks one of a user's devices remembered or not remembered. */
export default defineOperation<AdminUpdateDeviceStatusRequest, AdminUpdateDeviceStatusResponse>(
  "AdminUpdateDeviceStatus",
  {
    auth: "iam",
    async handle(input, ctx) {
      const user = await requireUser(ctx, await requirePool(ctx, input.UserPoolId!), input.Username!);
      await setDeviceStatus(ctx, user, input.DeviceKey!, input.DeviceRememberedStatus);
      return {};
    },
  },
);

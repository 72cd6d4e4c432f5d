import type {
  AdminListDevicesRequest,
  AdminListDevicesResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { requirePool } from "../../domain/pools.ts";
import { requireUser } from "../../domain/users.ts";
import { defineOperation } from "../../operation.ts";
import { listDevices } from "./devices.ts";

/** All of a user's devices, remembered or not, oldest first. */
export default defineOperation<AdminListDevicesRequest, AdminListDevicesResponse>("AdminListDevices", {
  auth: "iam",
  async handle(input, ctx) {
    const user = await requireUser(ctx, await requirePool(ctx, input.UserPoolId!), input.Username!);
    return listDevices(ctx, user, input, false);
  },
});

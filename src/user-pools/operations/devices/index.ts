import type { Operation } from "../../operation.ts";
import AdminForgetDevice from "./AdminForgetDevice.ts";
import AdminGetDevice from "./AdminGetDevice.ts";
import AdminListDevices from "./AdminListDevices.ts";
import AdminUpdateDeviceStatus from "./AdminUpdateDeviceStatus.ts";
import ConfirmDevice from "./ConfirmDevice.ts";
import ForgetDevice from "./ForgetDevice.ts";
import GetDevice from "./GetDevice.ts";
import ListDevices from "./ListDevices.ts";
import UpdateDeviceStatus from "./UpdateDeviceStatus.ts";

/** Remembered devices: the signed-in user's own, and any user's through the Admin* operations. */
export const deviceOperations: Operation[] = [
  ConfirmDevice,
  GetDevice,
  ListDevices,
  ForgetDevice,
  UpdateDeviceStatus,
  AdminGetDevice,
  AdminListDevices,
  AdminForgetDevice,
  AdminUpdateDeviceStatus,
];

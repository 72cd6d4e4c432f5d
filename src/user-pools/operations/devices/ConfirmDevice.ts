import type { ConfirmDeviceRequest, ConfirmDeviceResponse } from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { deviceGroupKey, deviceTracking, offeredDeviceKey } from "../../auth/devices/tracking.ts";
import { N } from "../../auth/srp/group.ts";
import { defineOperation } from "../../operation.ts";
import { signedIn } from "../signed-in/caller.ts";

/** A base64 DeviceSecretVerifierConfig member as the non-negative integer its bytes spell (generateHashDevice). */
function verifierInteger(value: string | undefined, name: string): bigint {
  if (!value || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) {
    throw new ServiceError("InvalidParameterException", `DeviceSecretVerifierConfig.${name} must be base64.`);
  }
  return BigInt(`0x${Buffer.from(value, "base64").toString("hex") || "0"}`);
}

/**
 * Confirms the device a sign-in was offered in NewDeviceMetadata, with the SRP salt and verifier
 * the client made from a secret of its own. A key this sign-in was not given is refused as Cognito
 * refuses it ("Invalid device key given.", aws-amplify/amplify-js#2087). With
 * DeviceOnlyRememberedOnUserPrompt the device starts not remembered and UserConfirmationNecessary
 * tells the app to ask the user (UpdateDeviceStatus); otherwise it is remembered at once.
 */
export default defineOperation<ConfirmDeviceRequest, ConfirmDeviceResponse>("ConfirmDevice", {
  auth: "access-token",
  async handle(input, ctx) {
    const { user, pool, claims } = signedIn(ctx);
    const deviceKey = input.DeviceKey!;
    if (deviceKey !== (await offeredDeviceKey(ctx, pool.id, claims.origin_jti))) {
      throw new ServiceError("InvalidParameterException", "Invalid device key given.");
    }
    if (await ctx.store.devices.get(deviceKey)) {
      throw new ServiceError("DeviceKeyExistsException", "Device key already exists.");
    }
    const salt = verifierInteger(input.DeviceSecretVerifierConfig?.Salt, "Salt");
    const verifier = verifierInteger(input.DeviceSecretVerifierConfig?.PasswordVerifier, "PasswordVerifier");
    if (verifier === 0n || verifier >= N) {
      throw new ServiceError(
        "InvalidParameterException",
        "DeviceSecretVerifierConfig.PasswordVerifier is not a valid verifier.",
      );
    }
    const confirmationNecessary = deviceTracking(pool)?.DeviceOnlyRememberedOnUserPrompt === true;
    const now = ctx.clock.nowMs();
    const groupKey = await deviceGroupKey(ctx, pool.id, user.id);
    await ctx.store.transaction(async (tx) => {
      await tx.devices.put({
        deviceKey,
        userId: user.id,
        poolId: pool.id,
        groupKey,
        srpSalt: salt.toString(16),
        srpVerifier: verifier.toString(16),
        name: input.DeviceName ?? null,
        status: confirmationNecessary ? "not_remembered" : "remembered",
        lastIp: ctx.sourceIp,
        createdAt: now,
        updatedAt: now,
        lastAuthenticatedAt: now,
      });
      // The sign-in that confirmed the device was made on it: its refresh token now needs the key.
      await tx.devices.bindSession(claims.origin_jti, deviceKey, user.id);
    });
    return { UserConfirmationNecessary: confirmationNecessary };
  },
});

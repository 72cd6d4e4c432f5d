import { createHmac } from "node:crypto";
import { createRequire } from "node:module";

/**
 * A device's half of Cognito's device SRP, through amazon-cognito-identity-js's own
 * AuthenticationHelper (generateHashDevice for ConfirmDevice, getPasswordAuthenticationKey with
 * the device key as user name and the DeviceGroupKey as pool name, as CognitoUser.getDeviceResponse
 * does), for tests that speak the wire with the AWS SDK.
 */
const require = createRequire(import.meta.url);
// The library's typings do not declare these; they are its public JavaScript exports.
const { AuthenticationHelper, DateHelper } = require("amazon-cognito-identity-js") as {
  AuthenticationHelper: new (poolName: string) => Helper;
  DateHelper: new () => { getNowString(): string };
};
const BigInteger = (
  require("amazon-cognito-identity-js/lib/BigInteger.js") as {
    default: new (hex: string, radix: number) => unknown;
  }
).default;

interface Helper {
  generateHashDevice(groupKey: string, deviceKey: string, cb: (err: unknown) => void): void;
  getSaltDevices(): string;
  getVerifierDevices(): string;
  getRandomPassword(): string;
  getLargeAValue(cb: (err: unknown, a: { toString(radix: number): string }) => void): void;
  getPasswordAuthenticationKey(
    username: string,
    password: string,
    B: unknown,
    salt: unknown,
    cb: (err: unknown, key: Uint8Array) => void,
  ): void;
}

export interface DeviceSecret {
  deviceKey: string;
  groupKey: string;
  password: string;
  /** ConfirmDevice's DeviceSecretVerifierConfig, base64 as the library sends it. */
  verifierConfig: { Salt: string; PasswordVerifier: string };
}

/** What the library makes for ConfirmDevice from NewDeviceMetadata. */
export async function newDeviceSecret(deviceKey: string, groupKey: string): Promise<DeviceSecret> {
  const helper = new AuthenticationHelper(groupKey);
  await new Promise<void>((resolve, reject) =>
    helper.generateHashDevice(groupKey, deviceKey, (err) => (err ? reject(err) : resolve())),
  );
  return {
    deviceKey,
    groupKey,
    password: helper.getRandomPassword(),
    verifierConfig: {
      Salt: Buffer.from(helper.getSaltDevices(), "hex").toString("base64"),
      PasswordVerifier: Buffer.from(helper.getVerifierDevices(), "hex").toString("base64"),
    },
  };
}

/** The device's SRP for one sign-in: SRP_A for DEVICE_SRP_AUTH, then the DEVICE_PASSWORD_VERIFIER answer. */
export function deviceSrp(secret: DeviceSecret) {
  const helper = new AuthenticationHelper(secret.groupKey);
  let srpA = "";
  helper.getLargeAValue((err, a) => {
    if (err) throw err;
    srpA = a.toString(16);
  });
  return {
    srpA,
    async answer(challenge: Record<string, string>, username: string): Promise<Record<string, string>> {
      const key = await new Promise<Buffer>((resolve, reject) =>
        helper.getPasswordAuthenticationKey(
          secret.deviceKey,
          secret.password,
          new BigInteger(challenge.SRP_B!, 16),
          new BigInteger(challenge.SALT!, 16),
          (err, k) => (err ? reject(err) : resolve(Buffer.from(k))),
        ),
      );
      const timestamp = new DateHelper().getNowString();
      const signature = createHmac("sha256", key)
        .update(
          Buffer.concat([
            Buffer.from(secret.groupKey),
            Buffer.from(secret.deviceKey),
            Buffer.from(challenge.SECRET_BLOCK!, "base64"),
            Buffer.from(timestamp),
          ]),
        )
        .digest("base64");
      return {
        USERNAME: username,
        DEVICE_KEY: secret.deviceKey,
        PASSWORD_CLAIM_SECRET_BLOCK: challenge.SECRET_BLOCK!,
        TIMESTAMP: timestamp,
        PASSWORD_CLAIM_SIGNATURE: signature,
      };
    },
  };
}

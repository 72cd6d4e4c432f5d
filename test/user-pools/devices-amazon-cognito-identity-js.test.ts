// Remembered devices through amazon-cognito-identity-js, unchanged apart from its `endpoint` and a
// memory Storage: authenticateUser confirms the device it is offered (NewDeviceMetadata →
// ConfirmDevice), setDeviceStatusRemembered / listDevices / getDevice / forgetDevice, and the next
// authenticateUser proves the device with DEVICE_SRP_AUTH (CognitoUser.getDeviceResponse).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AdminForgetDeviceCommand,
  AdminGetDeviceCommand,
  AdminListDevicesCommand,
  AdminSetUserPasswordCommand,
  type DeviceConfigurationType,
  type DeviceType,
  SetUserPoolMfaConfigCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
  type ICognitoStorage,
} from "amazon-cognito-identity-js";
import { createPoolAndClient, createUser, GOOD_PASSWORD, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, latestMessage, startTestServer, type TestServer } from "../support/server.ts";

/** The library's Storage interface over a Map, one per simulated browser. */
class MemoryStorage implements ICognitoStorage {
  readonly items = new Map<string, string>();
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  clear() {
    this.items.clear();
  }
}

type Outcome =
  | { kind: "success"; session: CognitoUserSession; confirmationNecessary: boolean }
  | { kind: "mfaRequired" };

type LibraryError = Error & { code?: string };

/** The ChallengeName of every RespondToAuthChallenge the library sends, in order. */
const challengesSent: string[] = [];
const realFetch = globalThis.fetch;

const attribute = (d: DeviceType, name: string) => d.DeviceAttributes?.find((a) => a.Name === name)?.Value;

for (const backend of BACKENDS) {
  describe(`amazon-cognito-identity-js remembered devices (${backend})`, () => {
    let t: TestServer;
    before(async () => {
      t = await startTestServer({ backend });
      globalThis.fetch = async (input, init) => {
        const target = new Headers(init?.headers).get("x-amz-target") ?? "";
        if (target.endsWith(".RespondToAuthChallenge") && typeof init?.body === "string") {
          challengesSent.push((JSON.parse(init.body) as { ChallengeName: string }).ChallengeName);
        }
        return realFetch(input, init);
      };
    });
    after(async () => {
      globalThis.fetch = realFetch;
      await t.close();
    });

    /** A pool tracking devices, its client (SRP and password sign-in) and a confirmed user. */
    const setUp = async (
      username: string,
      devices: DeviceConfigurationType,
      attributes: Record<string, string> = {},
    ) => {
      const { poolId, clientId } = await createPoolAndClient(t.idp, { DeviceConfiguration: devices });
      await createUser(t.idp, poolId, username, attributes);
      await t.idp.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: poolId,
          Username: username,
          Password: GOOD_PASSWORD,
          Permanent: true,
        }),
      );
      const storage = new MemoryStorage();
      const pool = new CognitoUserPool({
        UserPoolId: poolId,
        ClientId: clientId,
        endpoint: t.url,
        Storage: storage,
      });
      return {
        poolId,
        storage,
        pool,
        user: new CognitoUser({ Username: username, Pool: pool, Storage: storage }),
      };
    };

    const authenticate = (user: CognitoUser, password = GOOD_PASSWORD) =>
      new Promise<Outcome>((resolve, reject) => {
        challengesSent.length = 0;
        user.authenticateUser(
          new AuthenticationDetails({ Username: user.getUsername(), Password: password }),
          {
            onSuccess: (session, confirmationNecessary) =>
              resolve({ kind: "success", session, confirmationNecessary: confirmationNecessary === true }),
            onFailure: reject,
            mfaRequired: () => resolve({ kind: "mfaRequired" }),
            newPasswordRequired: () => reject(new Error("unexpected NEW_PASSWORD_REQUIRED")),
          },
        );
      });
    const sendMfaCode = (user: CognitoUser, code: string) =>
      new Promise<CognitoUserSession>((resolve, reject) =>
        user.sendMFACode(code, { onSuccess: resolve, onFailure: reject }),
      );
    const callback = <T>(
      run: (cb: { onSuccess: (r: T) => void; onFailure: (e: LibraryError) => void }) => void,
    ) => new Promise<T>((resolve, reject) => run({ onSuccess: resolve, onFailure: reject }));
    const storedDeviceKey = (storage: MemoryStorage) =>
      [...storage.items].find(([k]) => k.endsWith(".deviceKey"))?.[1];

    test("authenticateUser confirms the device; remembered, listed and got; the next sign-in proves it with DEVICE_SRP_AUTH", async () => {
      const { poolId, storage, user } = await setUp("dana", {
        ChallengeRequiredOnNewDevice: true,
        DeviceOnlyRememberedOnUserPrompt: true,
      });
      const first = await authenticate(user);
      assert.equal(first.kind, "success");
      // DeviceOnlyRememberedOnUserPrompt: ConfirmDevice answers UserConfirmationNecessary.
      assert.equal(first.kind === "success" && first.confirmationNecessary, true);
      assert.deepEqual(challengesSent, ["PASSWORD_VERIFIER"]);
      const deviceKey = storedDeviceKey(storage)!;
      assert.match(
        deviceKey,
        /^us-east-1_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );

      // Not remembered yet: the user's own list and GetDevice do not show it; the admin's do.
      const none = await callback<{ Devices: DeviceType[] }>((cb) => user.listDevices(10, null, cb));
      assert.deepEqual(none.Devices, []);
      const admin = await t.idp.send(
        new AdminGetDeviceCommand({ UserPoolId: poolId, Username: "dana", DeviceKey: deviceKey }),
      );
      assert.equal(attribute(admin.Device!, "dev:device_remembered_status"), "not_remembered");
      assert.equal(attribute(admin.Device!, "device_name"), "nodejs"); // the library's DeviceName outside a browser

      assert.equal(await callback<string>((cb) => user.setDeviceStatusRemembered(cb)), "SUCCESS");
      const listed = await callback<{ Devices: DeviceType[] }>((cb) => user.listDevices(10, null, cb));
      assert.equal(listed.Devices.length, 1);
      assert.equal(listed.Devices[0]!.DeviceKey, deviceKey);
      assert.equal(attribute(listed.Devices[0]!, "dev:device_remembered_status"), "remembered");
      assert.equal(attribute(listed.Devices[0]!, "device_status"), "valid");
      // The typings say string; the library hands over GetDevice's response.
      const got = (await callback<string>((cb) => user.getDevice(cb))) as unknown as { Device: DeviceType };
      assert.equal(got.Device.DeviceKey, deviceKey);

      const again = await authenticate(user);
      assert.equal(again.kind, "success");
      assert.deepEqual(challengesSent, ["PASSWORD_VERIFIER", "DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER"]);
      assert.equal(storedDeviceKey(storage), deviceKey);
      const { Devices } = await t.idp.send(
        new AdminListDevicesCommand({ UserPoolId: poolId, Username: "dana" }),
      );
      assert.deepEqual(
        Devices!.map((d) => d.DeviceKey),
        [deviceKey],
      );
      assert.ok(Devices![0]!.DeviceLastAuthenticatedDate);
    });

    test("refreshSession sends the DEVICE_KEY; a forgotten device's refresh token stops working", async () => {
      const { poolId, storage, user } = await setUp("finn", { ChallengeRequiredOnNewDevice: false });
      await authenticate(user);
      const proved = await authenticate(user); // a sign-in made on the device
      assert.equal(proved.kind, "success");
      const refresh = proved.kind === "success" ? proved.session.getRefreshToken() : undefined;
      const refreshed = await new Promise<CognitoUserSession>((resolve, reject) =>
        user.refreshSession(refresh!, (err: LibraryError | null, s: CognitoUserSession) =>
          err ? reject(err) : resolve(s),
        ),
      );
      assert.ok(refreshed.getAccessToken().getJwtToken());

      await t.idp.send(
        new AdminForgetDeviceCommand({
          UserPoolId: poolId,
          Username: "finn",
          DeviceKey: storedDeviceKey(storage)!,
        }),
      );
      await assert.rejects(
        new Promise((resolve, reject) =>
          user.refreshSession(refresh!, (err: LibraryError | null, s: unknown) =>
            err ? reject(err) : resolve(s),
          ),
        ),
        (err: LibraryError) =>
          err.code === "NotAuthorizedException" && err.message === "Invalid Refresh Token",
      );
    });

    test("a device forgotten elsewhere: ResourceNotFoundException, the library retries without it and confirms a new one", async () => {
      const { poolId, storage, user } = await setUp("gus", { ChallengeRequiredOnNewDevice: true });
      await authenticate(user);
      const old = storedDeviceKey(storage)!;
      await t.idp.send(new AdminForgetDeviceCommand({ UserPoolId: poolId, Username: "gus", DeviceKey: old }));
      await rejectsWith(
        t.idp.send(new AdminGetDeviceCommand({ UserPoolId: poolId, Username: "gus", DeviceKey: old })),
        "ResourceNotFoundException",
        "Device does not exist.",
      );

      const again = await authenticate(user);
      assert.equal(again.kind, "success");
      // PASSWORD_VERIFIER with the stale key, then the same answer again without it.
      assert.deepEqual(challengesSent, ["PASSWORD_VERIFIER", "PASSWORD_VERIFIER"]);
      const renewed = storedDeviceKey(storage)!;
      assert.notEqual(renewed, old);
      const { Devices } = await t.idp.send(
        new AdminListDevicesCommand({ UserPoolId: poolId, Username: "gus" }),
      );
      assert.deepEqual(
        Devices!.map((d) => d.DeviceKey),
        [renewed],
      );
    });

    test("forgetDevice forgets it on the server and in the library's storage", async () => {
      const { poolId, storage, user } = await setUp("hal", { ChallengeRequiredOnNewDevice: true });
      await authenticate(user);
      const deviceKey = storedDeviceKey(storage)!;
      assert.equal(await callback<string>((cb) => user.forgetDevice(cb)), "SUCCESS");
      assert.equal(storedDeviceKey(storage), undefined);
      const { Devices } = await t.idp.send(
        new AdminListDevicesCommand({ UserPoolId: poolId, Username: "hal" }),
      );
      assert.deepEqual(Devices, []);
      const err = await callback((cb) => user.forgetSpecificDevice(deviceKey, cb)).catch(
        (e: LibraryError) => e,
      );
      assert.equal((err as LibraryError).code, "ResourceNotFoundException");
      assert.equal((err as LibraryError).message, "Device does not exist.");
    });

    describe("with MFA on", () => {
      const mfaPool = async (username: string, devices: DeviceConfigurationType) => {
        const set = await setUp(username, devices, { phone_number: "+12065550142" });
        await t.idp.send(
          new SetUserPoolMfaConfigCommand({
            UserPoolId: set.poolId,
            MfaConfiguration: "ON",
            SmsMfaConfiguration: {
              SmsConfiguration: {
                SnsCallerArn: "arn:aws:iam::123456789012:role/cognito-sms",
                ExternalId: "x",
              },
            },
          }),
        );
        return set;
      };
      const signInWithCode = async (user: CognitoUser, poolId: string) => {
        const prompt = await authenticate(user);
        assert.equal(prompt.kind, "mfaRequired");
        const { code } = await latestMessage(t.url, poolId, user.getUsername());
        return sendMfaCode(user, code);
      };

      test("a remembered device skips the MFA challenge (ChallengeRequiredOnNewDevice)", async () => {
        const { poolId, user } = await mfaPool("ivy", {
          ChallengeRequiredOnNewDevice: true,
          DeviceOnlyRememberedOnUserPrompt: true,
        });
        await signInWithCode(user, poolId); // the library confirms the device after the MFA answer
        // Confirmed but not remembered: MFA still, then the device proves itself.
        await signInWithCode(user, poolId);
        assert.deepEqual(challengesSent, [
          "PASSWORD_VERIFIER",
          "SMS_MFA",
          "DEVICE_SRP_AUTH",
          "DEVICE_PASSWORD_VERIFIER",
        ]);

        assert.equal(await callback<string>((cb) => user.setDeviceStatusRemembered(cb)), "SUCCESS");
        const remembered = await authenticate(user);
        assert.equal(remembered.kind, "success");
        assert.deepEqual(challengesSent, [
          "PASSWORD_VERIFIER",
          "DEVICE_SRP_AUTH",
          "DEVICE_PASSWORD_VERIFIER",
        ]);
      });

      test("without ChallengeRequiredOnNewDevice a remembered device still answers MFA", async () => {
        const { poolId, user } = await mfaPool("jon", { ChallengeRequiredOnNewDevice: false });
        await signInWithCode(user, poolId);
        await signInWithCode(user, poolId);
        assert.deepEqual(challengesSent, [
          "PASSWORD_VERIFIER",
          "SMS_MFA",
          "DEVICE_SRP_AUTH",
          "DEVICE_PASSWORD_VERIFIER",
        ]);
      });
    });
  });
}

// Device operations and device sign-in through the AWS SDK: NewDeviceMetadata, ConfirmDevice,
// GetDevice, ListDevices, UpdateDeviceStatus, ForgetDevice, the Admin* forms, DEVICE_SRP_AUTH /
// DEVICE_PASSWORD_VERIFIER answered as the AWS SDK code examples answer them (no Session), and
// refresh tokens tied to a device.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AdminForgetDeviceCommand,
  AdminGetDeviceCommand,
  AdminInitiateAuthCommand,
  AdminListDevicesCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateDeviceStatusCommand,
  type AuthenticationResultType,
  ConfirmDeviceCommand,
  type DeviceConfigurationType,
  type DeviceType,
  ForgetDeviceCommand,
  GetDeviceCommand,
  InitiateAuthCommand,
  ListDevicesCommand,
  RespondToAuthChallengeCommand,
  UpdateDeviceStatusCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { type DeviceSecret, deviceSrp, newDeviceSecret } from "../support/device-client.ts";
import { createPoolAndClient, createUser, GOOD_PASSWORD, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";

const NOT_FOUND = "Device does not exist.";
const attribute = (d: DeviceType, name: string) => d.DeviceAttributes?.find((a) => a.Name === name)?.Value;

for (const backend of BACKENDS) {
  describe(`devices (${backend})`, () => {
    let t: TestServer;
    before(async () => {
      t = await startTestServer({ backend });
    });
    after(() => t.close());

    const setUp = async (devices: DeviceConfigurationType | undefined, ...usernames: string[]) => {
      const { poolId, clientId } = await createPoolAndClient(
        t.idp,
        devices ? { DeviceConfiguration: devices } : {},
      );
      for (const username of usernames) {
        await createUser(t.idp, poolId, username);
        await t.idp.send(
          new AdminSetUserPasswordCommand({
            UserPoolId: poolId,
            Username: username,
            Password: GOOD_PASSWORD,
            Permanent: true,
          }),
        );
      }
      return { poolId, clientId };
    };
    const passwordSignIn = (clientId: string, username: string, deviceKey?: string) =>
      t.publicIdp.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: {
            USERNAME: username,
            PASSWORD: GOOD_PASSWORD,
            ...(deviceKey ? { DEVICE_KEY: deviceKey } : {}),
          },
        }),
      );
    /** Signs in and confirms the device it is offered, as the libraries do. */
    const confirmedDevice = async (clientId: string, username: string, name = "laptop") => {
      const { AuthenticationResult: result } = await passwordSignIn(clientId, username);
      const meta = result!.NewDeviceMetadata!;
      const secret = await newDeviceSecret(meta.DeviceKey!, meta.DeviceGroupKey!);
      const confirmed = await t.publicIdp.send(
        new ConfirmDeviceCommand({
          AccessToken: result!.AccessToken!,
          DeviceKey: meta.DeviceKey!,
          DeviceSecretVerifierConfig: secret.verifierConfig,
          DeviceName: name,
        }),
      );
      return { secret, result: result!, confirmed };
    };
    /** USER_PASSWORD_AUTH with DEVICE_KEY, then the device's SRP, each step without Session. */
    const deviceSignIn = async (clientId: string, username: string, secret: DeviceSecret) => {
      const first = await passwordSignIn(clientId, username, secret.deviceKey);
      assert.equal(first.ChallengeName, "DEVICE_SRP_AUTH");
      const srp = deviceSrp(secret);
      const verifier = await t.publicIdp.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: "DEVICE_SRP_AUTH",
          ChallengeResponses: { USERNAME: username, DEVICE_KEY: secret.deviceKey, SRP_A: srp.srpA },
        }),
      );
      assert.equal(verifier.ChallengeName, "DEVICE_PASSWORD_VERIFIER");
      return t.publicIdp.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: "DEVICE_PASSWORD_VERIFIER",
          ChallengeResponses: await srp.answer(verifier.ChallengeParameters!, username),
        }),
      );
    };

    test("NewDeviceMetadata only where the pool tracks devices: <region>_<uuid> and the user's group key", async () => {
      const tracking = await setUp({ ChallengeRequiredOnNewDevice: false }, "ada");
      const a = (await passwordSignIn(tracking.clientId, "ada")).AuthenticationResult!;
      const b = (
        await t.idp.send(
          new AdminInitiateAuthCommand({
            UserPoolId: tracking.poolId,
            ClientId: tracking.clientId,
            AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
            AuthParameters: { USERNAME: "ada", PASSWORD: GOOD_PASSWORD },
          }),
        )
      ).AuthenticationResult!;
      assert.match(
        a.NewDeviceMetadata!.DeviceKey!,
        /^us-east-1_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      assert.match(a.NewDeviceMetadata!.DeviceGroupKey!, /^-[A-Za-z0-9]{8}$/);
      // A new key per sign-in, one group key per user.
      assert.notEqual(b.NewDeviceMetadata!.DeviceKey, a.NewDeviceMetadata!.DeviceKey);
      assert.equal(b.NewDeviceMetadata!.DeviceGroupKey, a.NewDeviceMetadata!.DeviceGroupKey);

      const plain = await setUp(undefined, "bo");
      const c = (await passwordSignIn(plain.clientId, "bo")).AuthenticationResult!;
      assert.ok(c.AccessToken);
      assert.equal(c.NewDeviceMetadata, undefined);
    });

    test("ConfirmDevice remembers the device at once unless DeviceOnlyRememberedOnUserPrompt", async () => {
      const always = await setUp({ DeviceOnlyRememberedOnUserPrompt: false }, "cy");
      const { secret, result, confirmed } = await confirmedDevice(always.clientId, "cy", "Cy's laptop");
      assert.equal(confirmed.UserConfirmationNecessary, false);
      const { Device } = await t.publicIdp.send(
        new GetDeviceCommand({ AccessToken: result.AccessToken!, DeviceKey: secret.deviceKey }),
      );
      assert.equal(Device!.DeviceKey, secret.deviceKey);
      assert.deepEqual(
        Device!.DeviceAttributes!.map((a) => a.Name),
        [
          "device_status",
          "device_name",
          "dev:device_arn",
          "dev:device_owner",
          "last_ip_used",
          "dev:device_remembered_status",
        ],
      );
      assert.equal(attribute(Device!, "device_name"), "Cy's laptop");
      assert.equal(attribute(Device!, "dev:device_owner"), `cy.${always.poolId}`);
      assert.equal(
        attribute(Device!, "dev:device_arn"),
        `arn:aws:cognito-idp:us-east-1:000000000000:owner/cy.${always.poolId}/device/${secret.deviceKey}`,
      );
      assert.equal(attribute(Device!, "dev:device_remembered_status"), "remembered");
      assert.ok(Device!.DeviceCreateDate instanceof Date);
      assert.ok(Device!.DeviceLastModifiedDate instanceof Date);
      assert.ok(Device!.DeviceLastAuthenticatedDate instanceof Date);

      const prompt = await setUp({ DeviceOnlyRememberedOnUserPrompt: true }, "di");
      const asked = await confirmedDevice(prompt.clientId, "di");
      assert.equal(asked.confirmed.UserConfirmationNecessary, true);
      const { Device: admin } = await t.idp.send(
        new AdminGetDeviceCommand({
          UserPoolId: prompt.poolId,
          Username: "di",
          DeviceKey: asked.secret.deviceKey,
        }),
      );
      assert.equal(attribute(admin!, "dev:device_remembered_status"), "not_remembered");
    });

    test("ConfirmDevice refuses a key this sign-in was not offered, a second confirmation and a bad verifier", async () => {
      const { clientId } = await setUp({ ChallengeRequiredOnNewDevice: true }, "ed", "flo");
      const ed = (await passwordSignIn(clientId, "ed")).AuthenticationResult!;
      const flo = (await passwordSignIn(clientId, "flo")).AuthenticationResult!;
      const secret = await newDeviceSecret(
        ed.NewDeviceMetadata!.DeviceKey!,
        ed.NewDeviceMetadata!.DeviceGroupKey!,
      );
      const confirm = (token: string, key: string, config = secret.verifierConfig) =>
        t.publicIdp.send(
          new ConfirmDeviceCommand({
            AccessToken: token,
            DeviceKey: key,
            DeviceSecretVerifierConfig: config,
          }),
        );
      // Another user's key, and a made-up one (aws-amplify/amplify-js#2087).
      await rejectsWith(
        confirm(flo.AccessToken!, secret.deviceKey),
        "InvalidParameterException",
        "Invalid device key given.",
      );
      await rejectsWith(
        confirm(ed.AccessToken!, "us-east-1_00000000-0000-4000-8000-000000000000"),
        "InvalidParameterException",
        "Invalid device key given.",
      );
      await rejectsWith(
        confirm(ed.AccessToken!, secret.deviceKey, { Salt: "not base64!", PasswordVerifier: "AQ==" }),
        "InvalidParameterException",
        "DeviceSecretVerifierConfig.Salt must be base64.",
      );
      await rejectsWith(
        confirm(ed.AccessToken!, secret.deviceKey, {
          Salt: secret.verifierConfig.Salt,
          PasswordVerifier: "AA==",
        }),
        "InvalidParameterException",
        "DeviceSecretVerifierConfig.PasswordVerifier is not a valid verifier.",
      );
      await confirm(ed.AccessToken!, secret.deviceKey);
      await rejectsWith(
        confirm(ed.AccessToken!, secret.deviceKey),
        "DeviceKeyExistsException",
        "Device key already exists.",
      );
    });

    test("sign-in from a confirmed device: DEVICE_SRP_AUTH, DEVICE_PASSWORD_VERIFIER, tokens without new metadata", async () => {
      const { poolId, clientId } = await setUp({ ChallengeRequiredOnNewDevice: true }, "gil");
      const { secret } = await confirmedDevice(clientId, "gil");
      const first = await passwordSignIn(clientId, "gil", secret.deviceKey);
      assert.equal(first.ChallengeName, "DEVICE_SRP_AUTH");
      assert.deepEqual(first.ChallengeParameters, {});
      assert.ok(first.Session);

      const srp = deviceSrp(secret);
      const verifier = await t.publicIdp.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: "DEVICE_SRP_AUTH",
          ChallengeResponses: { USERNAME: "gil", DEVICE_KEY: secret.deviceKey, SRP_A: srp.srpA },
        }),
      );
      assert.equal(verifier.ChallengeName, "DEVICE_PASSWORD_VERIFIER");
      assert.deepEqual(Object.keys(verifier.ChallengeParameters!).sort(), [
        "SALT",
        "SECRET_BLOCK",
        "SRP_B",
        "USERNAME",
      ]);
      const done = await t.publicIdp.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: "DEVICE_PASSWORD_VERIFIER",
          Session: verifier.Session,
          ChallengeResponses: await srp.answer(verifier.ChallengeParameters!, "gil"),
        }),
      );
      assert.ok(done.AuthenticationResult!.AccessToken);
      assert.equal(done.AuthenticationResult!.NewDeviceMetadata, undefined);

      // The pending device step is used up.
      await rejectsWith(
        t.publicIdp.send(
          new RespondToAuthChallengeCommand({
            ClientId: clientId,
            ChallengeName: "DEVICE_SRP_AUTH",
            ChallengeResponses: {
              USERNAME: "gil",
              DEVICE_KEY: secret.deviceKey,
              SRP_A: deviceSrp(secret).srpA,
            },
          }),
        ),
        "InvalidParameterException",
        "Missing required parameter Session",
      );
      const { Devices } = await t.idp.send(
        new AdminListDevicesCommand({ UserPoolId: poolId, Username: "gil" }),
      );
      assert.deepEqual(
        Devices!.map((d) => d.DeviceKey),
        [secret.deviceKey],
      );
    });

    test("a wrong device secret fails DEVICE_PASSWORD_VERIFIER; an unknown DEVICE_KEY fails the sign-in", async () => {
      const { clientId } = await setUp({ ChallengeRequiredOnNewDevice: true }, "hana", "ivo");
      const { secret } = await confirmedDevice(clientId, "hana");
      await rejectsWith(
        deviceSignIn(clientId, "hana", { ...secret, password: "not the device's secret" }),
        "NotAuthorizedException",
        "Incorrect username or password.",
      );
      await rejectsWith(
        passwordSignIn(clientId, "hana", "us-east-1_00000000-0000-4000-8000-000000000000"),
        "ResourceNotFoundException",
        NOT_FOUND,
      );
      // Another user's device is as unknown.
      await rejectsWith(
        passwordSignIn(clientId, "ivo", secret.deviceKey),
        "ResourceNotFoundException",
        NOT_FOUND,
      );
    });

    test("REFRESH_TOKEN_AUTH of a sign-in made on a device needs its DEVICE_KEY; other refresh tokens do not", async () => {
      const { poolId, clientId } = await setUp({ ChallengeRequiredOnNewDevice: true }, "jo");
      const { secret, result: unbound } = await confirmedDevice(clientId, "jo");
      const onDevice = (await deviceSignIn(clientId, "jo", secret)).AuthenticationResult!;
      const plain = (await passwordSignIn(clientId, "jo")).AuthenticationResult!;
      const refresh = (r: AuthenticationResultType, deviceKey?: string) =>
        t.publicIdp.send(
          new InitiateAuthCommand({
            ClientId: clientId,
            AuthFlow: "REFRESH_TOKEN_AUTH",
            AuthParameters: {
              REFRESH_TOKEN: r.RefreshToken!,
              ...(deviceKey ? { DEVICE_KEY: deviceKey } : {}),
            },
          }),
        );
      await rejectsWith(refresh(onDevice), "NotAuthorizedException", "Invalid Refresh Token");
      assert.ok((await refresh(onDevice, secret.deviceKey)).AuthenticationResult!.AccessToken);
      // The sign-in that confirmed the device was made on it too.
      await rejectsWith(refresh(unbound), "NotAuthorizedException", "Invalid Refresh Token");
      assert.ok((await refresh(plain)).AuthenticationResult!.AccessToken);

      await t.idp.send(
        new AdminForgetDeviceCommand({ UserPoolId: poolId, Username: "jo", DeviceKey: secret.deviceKey }),
      );
      await rejectsWith(
        refresh(onDevice, secret.deviceKey),
        "NotAuthorizedException",
        "Invalid Refresh Token",
      );
    });

    test("ListDevices shows remembered devices, a page at a time; UpdateDeviceStatus and ForgetDevice", async () => {
      const { clientId } = await setUp({ ChallengeRequiredOnNewDevice: true }, "kai");
      const one = await confirmedDevice(clientId, "kai", "one");
      t.clock.advance(1000); // the list runs oldest first
      const two = await confirmedDevice(clientId, "kai", "two");
      const token = two.result.AccessToken!;
      const list = (extra: { Limit?: number; PaginationToken?: string } = {}) =>
        t.publicIdp.send(new ListDevicesCommand({ AccessToken: token, ...extra }));

      const first = await list({ Limit: 1 });
      assert.deepEqual(
        first.Devices!.map((d) => d.DeviceKey),
        [one.secret.deviceKey],
      );
      assert.ok(first.PaginationToken);
      const second = await list({ Limit: 1, PaginationToken: first.PaginationToken });
      assert.deepEqual(
        second.Devices!.map((d) => d.DeviceKey),
        [two.secret.deviceKey],
      );
      assert.equal(second.PaginationToken, undefined);
      await rejectsWith(
        list({ PaginationToken: "bogus" }),
        "InvalidParameterException",
        "Invalid pagination token.",
      );

      await t.publicIdp.send(
        new UpdateDeviceStatusCommand({
          AccessToken: token,
          DeviceKey: one.secret.deviceKey,
          DeviceRememberedStatus: "not_remembered",
        }),
      );
      assert.deepEqual(
        (await list()).Devices!.map((d) => d.DeviceKey),
        [two.secret.deviceKey],
      );
      // GetDevice "returns information about a remembered device" (API reference).
      await rejectsWith(
        t.publicIdp.send(new GetDeviceCommand({ AccessToken: token, DeviceKey: one.secret.deviceKey })),
        "ResourceNotFoundException",
        NOT_FOUND,
      );
      await rejectsWith(
        t.publicIdp.send(
          new UpdateDeviceStatusCommand({ AccessToken: token, DeviceKey: one.secret.deviceKey }),
        ),
        "InvalidParameterException",
        "DeviceRememberedStatus is required.",
      );

      await t.publicIdp.send(
        new ForgetDeviceCommand({ AccessToken: token, DeviceKey: one.secret.deviceKey }),
      );
      for (const call of [
        () =>
          t.publicIdp.send(new ForgetDeviceCommand({ AccessToken: token, DeviceKey: one.secret.deviceKey })),
        () =>
          t.publicIdp.send(
            new UpdateDeviceStatusCommand({
              AccessToken: token,
              DeviceKey: one.secret.deviceKey,
              DeviceRememberedStatus: "remembered",
            }),
          ),
        () => t.publicIdp.send(new GetDeviceCommand({ AccessToken: token, DeviceKey: one.secret.deviceKey })),
      ]) {
        await rejectsWith(call(), "ResourceNotFoundException", NOT_FOUND);
      }
    });

    test("Admin* device operations: any status, the user's own devices only, Cognito's errors", async () => {
      const { poolId, clientId } = await setUp({ DeviceOnlyRememberedOnUserPrompt: true }, "lea", "max");
      const { secret } = await confirmedDevice(clientId, "lea");
      const get = (username: string) =>
        t.idp.send(
          new AdminGetDeviceCommand({ UserPoolId: poolId, Username: username, DeviceKey: secret.deviceKey }),
        );

      const { Devices } = await t.idp.send(
        new AdminListDevicesCommand({ UserPoolId: poolId, Username: "lea" }),
      );
      assert.equal(Devices!.length, 1);
      assert.equal(attribute(Devices![0]!, "dev:device_remembered_status"), "not_remembered");
      await t.idp.send(
        new AdminUpdateDeviceStatusCommand({
          UserPoolId: poolId,
          Username: "lea",
          DeviceKey: secret.deviceKey,
          DeviceRememberedStatus: "remembered",
        }),
      );
      assert.equal(attribute((await get("lea")).Device!, "dev:device_remembered_status"), "remembered");

      await rejectsWith(get("max"), "ResourceNotFoundException", NOT_FOUND);
      await rejectsWith(get("nobody"), "UserNotFoundException", "User does not exist.");
      await rejectsWith(
        t.idp.send(new AdminListDevicesCommand({ UserPoolId: "us-east-1_NoSuchPool", Username: "lea" })),
        "ResourceNotFoundException",
        "User pool us-east-1_NoSuchPool does not exist.",
      );
      await rejectsWith(
        t.idp.send(
          new AdminForgetDeviceCommand({ UserPoolId: poolId, Username: "max", DeviceKey: secret.deviceKey }),
        ),
        "ResourceNotFoundException",
        NOT_FOUND,
      );
      await t.idp.send(
        new AdminForgetDeviceCommand({ UserPoolId: poolId, Username: "lea", DeviceKey: secret.deviceKey }),
      );
      await rejectsWith(get("lea"), "ResourceNotFoundException", NOT_FOUND);
      await rejectsWith(
        t.idp.send(
          new AdminUpdateDeviceStatusCommand({
            UserPoolId: poolId,
            Username: "lea",
            DeviceKey: secret.deviceKey,
            DeviceRememberedStatus: "remembered",
          }),
        ),
        "ResourceNotFoundException",
        NOT_FOUND,
      );
    });
  });
}

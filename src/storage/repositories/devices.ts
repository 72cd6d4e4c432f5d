import type { Page } from "../records.ts";
import { type Db, page } from "./common.ts";

export type DeviceStatus = "remembered" | "not_remembered";

/** A device confirmed with ConfirmDevice. The SRP values are hex integers, as SALT and the verifier use them. */
export interface DeviceRecord {
  /** `<region>_<uuid>`, unique across the server. */
  deviceKey: string;
  userId: string;
  poolId: string;
  /** The DeviceGroupKey: the "pool name" of the device's SRP. */
  groupKey: string;
  srpSalt: string;
  srpVerifier: string;
  name: string | null;
  status: DeviceStatus;
  /** The address of the last ConfirmDevice or device sign-in. */
  lastIp: string | null;
  createdAt: number;
  updatedAt: number;
  lastAuthenticatedAt: number | null;
}

/** The tables of migration 0007-devices, as Kysely sees them. */
export type DevicesTables = {
  devices: {
    device_key: string;
    user_id: string;
    pool_id: string;
    group_key: string;
    srp_salt: string;
    srp_verifier: string;
    name: string | null;
    status: string;
    last_ip: string | null;
    created_at: number;
    updated_at: number;
    last_authenticated_at: number | null;
  };
  device_sessions: { origin_jti: string; device_key: string; user_id: string };
};

/**
 * Remembered devices (`store.devices`). Lists run oldest first; `after` is the `next` of the page before.
 *
 * @example
 * const device = await store.devices.get(params.DEVICE_KEY);
 * if (!device || device.userId !== user.id) throw new ServiceError("ResourceNotFoundException", "Device does not exist.");
 */
export interface DevicesRepository {
  /** Stores a device, or replaces the SRP values, name and status of the same user's device with that key. */
  put(d: DeviceRecord): Promise<void>;
  get(deviceKey: string): Promise<DeviceRecord | undefined>;
  listForUser(
    userId: string,
    opts: { limit: number; after?: string; status?: DeviceStatus },
  ): Promise<Page<DeviceRecord>>;
  /** False when the user has no device with that key. */
  setStatus(userId: string, deviceKey: string, status: DeviceStatus, at: number): Promise<boolean>;
  recordSignIn(deviceKey: string, ip: string, at: number): Promise<void>;
  /** Deletes the user's device; false when the user has no device with that key. */
  delete(userId: string, deviceKey: string): Promise<boolean>;
  /** Ties a sign-in (its origin_jti) to the device it was made on. */
  bindSession(originJti: string, deviceKey: string, userId: string): Promise<void>;
  /** The device a sign-in was made on, if it was made on one. */
  sessionDevice(originJti: string): Promise<string | undefined>;
}

type Row = DevicesTables["devices"];
const toRecord = (r: Row): DeviceRecord => ({
  deviceKey: r.device_key,
  userId: r.user_id,
  poolId: r.pool_id,
  groupKey: r.group_key,
  srpSalt: r.srp_salt,
  srpVerifier: r.srp_verifier,
  name: r.name,
  status: r.status as DeviceStatus,
  lastIp: r.last_ip,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
  lastAuthenticatedAt: r.last_authenticated_at === null ? null : Number(r.last_authenticated_at),
});
/** The page cursor: creation time and device key, the list's sort key. */
const cursor = (r: Row) => `${Number(r.created_at)}.${r.device_key}`;

export function devicesRepository(base: Db): DevicesRepository {
  const db = base.withTables<DevicesTables>();
  return {
    async put(d) {
      await db
        .insertInto("devices")
        .values({
          device_key: d.deviceKey,
          user_id: d.userId,
          pool_id: d.poolId,
          group_key: d.groupKey,
          srp_salt: d.srpSalt,
          srp_verifier: d.srpVerifier,
          name: d.name,
          status: d.status,
          last_ip: d.lastIp,
          created_at: d.createdAt,
          updated_at: d.updatedAt,
          last_authenticated_at: d.lastAuthenticatedAt,
        })
        .onConflict((oc) =>
          oc
            .column("device_key")
            .doUpdateSet({
              srp_salt: d.srpSalt,
              srp_verifier: d.srpVerifier,
              name: d.name,
              status: d.status,
              last_ip: d.lastIp,
              updated_at: d.updatedAt,
            })
            .where("devices.user_id", "=", d.userId),
        )
        .execute();
    },
    async get(deviceKey) {
      const r = await db
        .selectFrom("devices")
        .selectAll()
        .where("device_key", "=", deviceKey)
        .executeTakeFirst();
      return r && toRecord(r);
    },
    async listForUser(userId, { limit, after, status }) {
      let q = db
        .selectFrom("devices")
        .selectAll()
        .where("user_id", "=", userId)
        .orderBy("created_at")
        .orderBy("device_key")
        .limit(limit + 1);
      if (status) q = q.where("status", "=", status);
      const dot = after?.indexOf(".") ?? -1;
      if (after !== undefined && dot > 0) {
        const at = Number(after.slice(0, dot));
        const key = after.slice(dot + 1);
        q = q.where((eb) =>
          eb.or([eb("created_at", ">", at), eb.and([eb("created_at", "=", at), eb("device_key", ">", key)])]),
        );
      }
      return page(await q.execute(), limit, toRecord, cursor);
    },
    async setStatus(userId, deviceKey, status, at) {
      const r = await db
        .updateTable("devices")
        .set({ status, updated_at: at })
        .where("user_id", "=", userId)
        .where("device_key", "=", deviceKey)
        .executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },
    async recordSignIn(deviceKey, ip, at) {
      await db
        .updateTable("devices")
        .set({ last_ip: ip, last_authenticated_at: at })
        .where("device_key", "=", deviceKey)
        .execute();
    },
    async delete(userId, deviceKey) {
      const r = await db
        .deleteFrom("devices")
        .where("user_id", "=", userId)
        .where("device_key", "=", deviceKey)
        .executeTakeFirst();
      return r.numDeletedRows > 0n;
    },
    async bindSession(originJti, deviceKey, userId) {
      await db
        .insertInto("device_sessions")
        .values({ origin_jti: originJti, device_key: deviceKey, user_id: userId })
        .onConflict((oc) => oc.column("origin_jti").doUpdateSet({ device_key: deviceKey }))
        .execute();
    },
    async sessionDevice(originJti) {
      const r = await db
        .selectFrom("device_sessions")
        .select("device_key")
        .where("origin_jti", "=", originJti)
        .executeTakeFirst();
      return r?.device_key;
    },
  };
}

import type { Page } from "../records.ts";
import { type Db, page } from "./common.ts";

export type UserImportJobStatus =
  | "Created"
  | "Pending"
  | "InProgress"
  | "Stopping"
  | "Expired"
  | "Stopped"
  | "Failed"
  | "Succeeded";

/** One user import job (UserImportJobType) with its upload token and uploaded CSV. */
export interface UserImportJobRecord {
  id: string;
  poolId: string;
  name: string;
  roleArn: string;
  status: UserImportJobStatus;
  preSignedUrl: string;
  /** The single-use upload token; null once the CSV is uploaded. */
  uploadToken: string | null;
  csv: string | null;
  imported: number;
  skipped: number;
  failed: number;
  completionMessage: string | null;
  createdAt: number;
  startedAt: number | null;
  completedAt: number | null;
}

/** Tables of migration 0010-user-import-jobs, as Kysely sees them. */
export type UserImportJobTables = {
  user_import_jobs: {
    id: string;
    pool_id: string;
    name: string;
    role_arn: string;
    status: string;
    pre_signed_url: string;
    upload_token: string | null;
    csv: string | null;
    imported: number;
    skipped: number;
    failed: number;
    completion_message: string | null;
    created_at: number;
    started_at: number | null;
    completed_at: number | null;
  };
};

export type UserImportJobPatch = Partial<
  Pick<
    UserImportJobRecord,
    "status" | "imported" | "skipped" | "failed" | "completionMessage" | "startedAt" | "completedAt"
  >
>;

export interface UserImportJobsRepository {
  create(job: UserImportJobRecord): Promise<void>;
  get(id: string): Promise<UserImportJobRecord | undefined>;
  list(poolId: string, limit: number, after?: string): Promise<Page<UserImportJobRecord>>;
  /** Stores the CSV and spends the upload token; false if it was spent or the job left Created. */
  upload(id: string, token: string, csv: string): Promise<boolean>;
  /** Applies `patch` only while the job's status is one of `from`; false otherwise. */
  transition(id: string, from: UserImportJobStatus[], patch: UserImportJobPatch): Promise<boolean>;
}

type Row = UserImportJobTables["user_import_jobs"];

const toJob = (r: Row): UserImportJobRecord => ({
  id: r.id,
  poolId: r.pool_id,
  name: r.name,
  roleArn: r.role_arn,
  status: r.status as UserImportJobStatus,
  preSignedUrl: r.pre_signed_url,
  uploadToken: r.upload_token,
  csv: r.csv,
  imported: Number(r.imported),
  skipped: Number(r.skipped),
  failed: Number(r.failed),
  completionMessage: r.completion_message,
  createdAt: Number(r.created_at),
  startedAt: r.started_at === null ? null : Number(r.started_at),
  completedAt: r.completed_at === null ? null : Number(r.completed_at),
});

export function userImportJobsRepository(base: Db): UserImportJobsRepository {
  const db = base.withTables<UserImportJobTables>();
  return {
    async create(j) {
      await db
        .insertInto("user_import_jobs")
        .values({
          id: j.id,
          pool_id: j.poolId,
          name: j.name,
          role_arn: j.roleArn,
          status: j.status,
          pre_signed_url: j.preSignedUrl,
          upload_token: j.uploadToken,
          csv: j.csv,
          imported: j.imported,
          skipped: j.skipped,
          failed: j.failed,
          completion_message: j.completionMessage,
          created_at: j.createdAt,
          started_at: j.startedAt,
          completed_at: j.completedAt,
        })
        .execute();
    },
    async get(id) {
      const r = await db.selectFrom("user_import_jobs").selectAll().where("id", "=", id).executeTakeFirst();
      return r && toJob(r);
    },
    async list(poolId, limit, after) {
      let q = db
        .selectFrom("user_import_jobs")
        .selectAll()
        .where("pool_id", "=", poolId)
        .orderBy("id")
        .limit(limit + 1);
      if (after) q = q.where("id", ">", after);
      return page(await q.execute(), limit, toJob, (r) => r.id);
    },
    async upload(id, token, csv) {
      const r = await db
        .updateTable("user_import_jobs")
        .set({ csv, upload_token: null })
        .where("id", "=", id)
        .where("upload_token", "=", token)
        .where("status", "=", "Created")
        .executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },
    async transition(id, from, p) {
      const r = await db
        .updateTable("user_import_jobs")
        .set({
          status: p.status,
          imported: p.imported,
          skipped: p.skipped,
          failed: p.failed,
          completion_message: p.completionMessage,
          started_at: p.startedAt,
          completed_at: p.completedAt,
        })
        .where("id", "=", id)
        .where("status", "in", from)
        .executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },
  };
}

import type { UserImportJobType } from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../protocol/aws-json/errors.ts";
import type { PoolRecord } from "../../storage/records.ts";
import type { UserImportJobRecord } from "../../storage/repositories/user-import-jobs.ts";
import type { OperationContext } from "../operation.ts";
import { checkAttributes } from "./attributes.ts";
import {
  assertUsernameFree,
  newUserRecord,
  refuseNewUser,
  shapeNewUser,
  signInAttributes,
} from "./new-user.ts";
import { poolConfig, requirePool } from "./pools.ts";

type JobContext = Pick<OperationContext, "store" | "clock" | "random" | "logger">;

/**
 * The standard columns of a user-import CSV, in the order Cognito returns them (every
 * standard attribute but `sub`); the pool's custom attributes follow, then
 * `cognito:mfa_enabled` and `cognito:username` (developer guide, "Creating the user
 * import .csv file").
 */
const STANDARD_COLUMNS = [
  "name",
  "given_name",
  "family_name",
  "middle_name",
  "nickname",
  "preferred_username",
  "profile",
  "picture",
  "website",
  "email",
  "email_verified",
  "gender",
  "birthdate",
  "zoneinfo",
  "locale",
  "phone_number",
  "phone_number_verified",
  "address",
  "updated_at",
];

/** GetCSVHeader's columns: the standard ones, the pool's custom attributes, then the two cognito: columns. */
export function csvHeader(pool: PoolRecord): string[] {
  const custom = (poolConfig(pool).SchemaAttributes ?? [])
    .map((s) => s.Name!)
    .filter((n) => n.startsWith("custom:"));
  return [...STANDARD_COLUMNS, ...custom, "cognito:mfa_enabled", "cognito:username"];
}

/** The upload route of a job: `<base URL>/_cognate/import/<jobId>?token=<token>` (see http/app.ts). */
export const importUploadPath = (jobId: string): string => `/_cognate/import/${encodeURIComponent(jobId)}`;

/** The server's public base URL, from the pool's token issuer (`<base URL>/<poolId>`) unless that is Cognito's. */
export function importBaseUrl(ctx: Pick<OperationContext, "config" | "services">, poolId: string): string {
  const issuer = ctx.services.tokens.issuerFor(poolId);
  return issuer.startsWith("https://cognito-idp.")
    ? ctx.config.publicUrl.replace(/\/$/, "")
    : issuer.slice(0, -(poolId.length + 1));
}

export function toUserImportJobType(job: UserImportJobRecord): UserImportJobType {
  return {
    JobName: job.name,
    JobId: job.id,
    UserPoolId: job.poolId,
    PreSignedUrl: job.preSignedUrl,
    CreationDate: new Date(job.createdAt),
    ...(job.startedAt !== null ? { StartDate: new Date(job.startedAt) } : {}),
    ...(job.completedAt !== null ? { CompletionDate: new Date(job.completedAt) } : {}),
    Status: job.status,
    CloudWatchLogsRoleArn: job.roleArn,
    ImportedUsers: job.imported,
    SkippedUsers: job.skipped,
    FailedUsers: job.failed,
    ...(job.completionMessage !== null ? { CompletionMessage: job.completionMessage } : {}),
  };
}

/** The job, if it exists in this pool; ResourceNotFoundException otherwise. */
export async function requireImportJob(
  ctx: Pick<OperationContext, "store">,
  poolId: string,
  jobId: string,
): Promise<UserImportJobRecord> {
  const job = await ctx.store.userImportJobs.get(jobId);
  if (!job || job.poolId !== poolId) {
    throw new ServiceError("ResourceNotFoundException", `Import job ${jobId} does not exist.`);
  }
  return job;
}

/** Parses RFC 4180 CSV: quoted fields with "" escapes, CRLF or LF line ends, a leading BOM ignored. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && s[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ""));
}

const BOOLEAN_COLUMNS = ["email_verified", "phone_number_verified", "cognito:mfa_enabled"];

/**
 * Imports the job's CSV (developer guide, "Importing users into a user pool"): the header must hold
 * exactly GetCSVHeader's columns (any order); each row becomes a user in RESET_REQUIRED status with
 * no password, who signs in after ForgotPassword/ConfirmForgotPassword. A row that cannot be
 * imported (no username, a bad value, a taken username) counts in FailedUsers and the job goes on;
 * rows left when the job is stopped count in SkippedUsers.
 */
export async function runImportJob(ctx: JobContext, jobId: string): Promise<void> {
  const job = await ctx.store.userImportJobs.get(jobId);
  if (!job) return;
  if (!(await ctx.store.userImportJobs.transition(jobId, ["Pending"], { status: "InProgress" }))) {
    // Stopped before it began: nothing imported.
    await ctx.store.userImportJobs.transition(jobId, ["Stopping"], {
      status: "Stopped",
      completionMessage: "The import job was stopped.",
      completedAt: ctx.clock.nowMs(),
    });
    return;
  }
  const finish = (
    status: "Succeeded" | "Failed" | "Stopped",
    message: string,
    counts: { imported: number; skipped: number; failed: number },
  ) =>
    ctx.store.userImportJobs.transition(jobId, ["InProgress", "Stopping"], {
      status,
      ...counts,
      completionMessage: message,
      completedAt: ctx.clock.nowMs(),
    });
  const pool = await requirePool(ctx, job.poolId);
  const expected = csvHeader(pool);
  const [header = [], ...rows] = parseCsv(job.csv ?? "");
  const names = header.map((h) => h.trim());
  if (
    names.length !== expected.length ||
    new Set(names).size !== names.length ||
    !names.every((n) => expected.includes(n))
  ) {
    await finish("Failed", "The CSV header does not match the user pool's attributes (see GetCSVHeader).", {
      imported: 0,
      skipped: 0,
      failed: 0,
    });
    return;
  }
  const counts = { imported: 0, skipped: 0, failed: 0 };
  for (let i = 0; i < rows.length; i++) {
    // Every few rows: let the server answer other requests (SQLite calls are synchronous), then
    // see whether StopUserImportJob asked to stop.
    if (i % 10 === 9) await new Promise((resolve) => setImmediate(resolve));
    if (i % 10 === 9 && (await ctx.store.userImportJobs.get(jobId))?.status === "Stopping") {
      counts.skipped += rows.length - i;
      await finish("Stopped", "The import job was stopped.", counts);
      return;
    }
    try {
      await importRow(ctx, pool, names, rows[i]!);
      counts.imported++;
    } catch (err) {
      if (!(err instanceof ServiceError)) throw err;
      counts.failed++;
      ctx.logger.info("user import: row failed", { jobId, line: i + 2, error: err.name });
    }
  }
  const stopping = (await ctx.store.userImportJobs.get(jobId))?.status === "Stopping";
  await finish(
    stopping ? "Stopped" : "Succeeded",
    stopping
      ? "The import job was stopped."
      : counts.failed === 0
        ? "Import Job Completed Successfully."
        : `Import Job Completed; ${counts.failed} user(s) could not be imported.`,
    counts,
  );
}

async function importRow(ctx: JobContext, pool: PoolRecord, names: string[], row: string[]): Promise<void> {
  if (row.length !== names.length) {
    throw new ServiceError(
      "InvalidParameterException",
      "The row does not have as many values as the header.",
    );
  }
  const values = Object.fromEntries(names.map((n, i) => [n, row[i]!.trim()]));
  const username = values["cognito:username"];
  if (!username) throw new ServiceError("InvalidParameterException", "cognito:username is required.");
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    if (value === "") continue;
    if (BOOLEAN_COLUMNS.includes(name)) {
      if (!/^(true|false)$/i.test(value))
        throw new ServiceError("InvalidParameterException", `${name} must be true or false.`);
      if (name !== "cognito:mfa_enabled") attributes[name] = value.toLowerCase();
    } else if (!name.startsWith("cognito:")) attributes[name] = value;
  }
  checkAttributes(pool, attributes, { mode: "create", admin: true });
  const shaped = shapeNewUser(ctx, pool, username, attributes);
  await assertUsernameFree(ctx, pool, shaped.username, shaped.attributes, "User account already exists");
  const created = await ctx.store.users.create(
    newUserRecord(ctx, pool, shaped, "RESET_REQUIRED", null),
    signInAttributes(pool),
  );
  if (!created)
    await refuseNewUser(ctx, pool, shaped.username, shaped.attributes, "User account already exists");
}

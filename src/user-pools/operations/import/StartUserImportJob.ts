import type {
  StartUserImportJobRequest,
  StartUserImportJobResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { requirePool } from "../../domain/pools.ts";
import { requireImportJob, runImportJob, toUserImportJobType } from "../../domain/user-import.ts";
import { defineOperation } from "../../operation.ts";

/**
 * Starts a created job whose CSV has been uploaded: the job answers Pending and the import runs in
 * the background (InProgress, then Succeeded, Failed or Stopped); poll DescribeUserImportJob
 * (API reference, StartUserImportJob). A job starts once.
 */
export default defineOperation<StartUserImportJobRequest, StartUserImportJobResponse>("StartUserImportJob", {
  auth: "iam",
  async handle(input, ctx) {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const job = await requireImportJob(ctx, pool.id, input.JobId!);
    if (job.status !== "Created") {
      throw new ServiceError("PreconditionNotMetException", `Import job ${job.id} has already been started.`);
    }
    if (job.csv === null) {
      throw new ServiceError(
        "PreconditionNotMetException",
        `No CSV file has been uploaded for import job ${job.id}.`,
      );
    }
    const startedAt = ctx.clock.nowMs();
    if (!(await ctx.store.userImportJobs.transition(job.id, ["Created"], { status: "Pending", startedAt }))) {
      throw new ServiceError("PreconditionNotMetException", `Import job ${job.id} has already been started.`);
    }
    const { store, clock, random, logger } = ctx;
    void runImportJob({ store, clock, random, logger }, job.id).catch((err: unknown) => {
      logger.error("user import job failed", { jobId: job.id, error: String(err) });
      return store.userImportJobs
        .transition(job.id, ["Pending", "InProgress", "Stopping"], {
          status: "Failed",
          completionMessage: "The import job failed unexpectedly.",
          completedAt: clock.nowMs(),
        })
        .catch(() => undefined);
    });
    return { UserImportJob: toUserImportJobType({ ...job, status: "Pending", startedAt }) };
  },
});

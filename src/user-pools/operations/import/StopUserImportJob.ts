import type {
  StopUserImportJobRequest,
  StopUserImportJobResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { requirePool } from "../../domain/pools.ts";
import { requireImportJob, toUserImportJobType } from "../../domain/user-import.ts";
import { defineOperation } from "../../operation.ts";

/**
 * Stops a running job: it answers Stopping and becomes Stopped once the import notices; rows not
 * yet imported count as skipped (API reference, StopUserImportJob). Only Pending or InProgress
 * jobs can be stopped.
 */
export default defineOperation<StopUserImportJobRequest, StopUserImportJobResponse>("StopUserImportJob", {
  auth: "iam",
  async handle(input, ctx) {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const job = await requireImportJob(ctx, pool.id, input.JobId!);
    if (
      !(await ctx.store.userImportJobs.transition(job.id, ["Pending", "InProgress"], { status: "Stopping" }))
    ) {
      throw new ServiceError(
        "PreconditionNotMetException",
        `Import job ${job.id} is not running (status ${job.status}).`,
      );
    }
    return { UserImportJob: toUserImportJobType((await ctx.store.userImportJobs.get(job.id))!) };
  },
});

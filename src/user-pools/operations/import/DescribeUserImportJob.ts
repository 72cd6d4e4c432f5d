import type {
  DescribeUserImportJobRequest,
  DescribeUserImportJobResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { requirePool } from "../../domain/pools.ts";
import { requireImportJob, toUserImportJobType } from "../../domain/user-import.ts";
import { defineOperation } from "../../operation.ts";

/** A user import job with its status and counts (API reference, DescribeUserImportJob). */
export default defineOperation<DescribeUserImportJobRequest, DescribeUserImportJobResponse>(
  "DescribeUserImportJob",
  {
    auth: "iam",
    async handle(input, ctx) {
      const pool = await requirePool(ctx, input.UserPoolId!);
      return { UserImportJob: toUserImportJobType(await requireImportJob(ctx, pool.id, input.JobId!)) };
    },
  },
);

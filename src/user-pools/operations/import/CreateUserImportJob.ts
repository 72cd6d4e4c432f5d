import type {
  CreateUserImportJobRequest,
  CreateUserImportJobResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { ALNUM } from "../../../runtime/random.ts";
import { requirePool } from "../../domain/pools.ts";
import { importBaseUrl, importUploadPath, toUserImportJobType } from "../../domain/user-import.ts";
import { defineOperation } from "../../operation.ts";

/**
 * Creates a user import job in status Created (API reference, CreateUserImportJob). Its
 * PreSignedUrl points at this server: PUT the CSV there as with S3 (`curl -T users.csv …`); the
 * URL's token works once. The CloudWatch Logs role is kept but not used.
 */
export default defineOperation<CreateUserImportJobRequest, CreateUserImportJobResponse>(
  "CreateUserImportJob",
  {
    auth: "iam",
    async handle(input, ctx) {
      const pool = await requirePool(ctx, input.UserPoolId!);
      const id = `import-${ctx.random.string(10, ALNUM)}`;
      const token = ctx.random.string(43, ALNUM);
      const job = {
        id,
        poolId: pool.id,
        name: input.JobName!,
        roleArn: input.CloudWatchLogsRoleArn!,
        status: "Created" as const,
        preSignedUrl: `${importBaseUrl(ctx, pool.id)}${importUploadPath(id)}?token=${token}`,
        uploadToken: token,
        csv: null,
        imported: 0,
        skipped: 0,
        failed: 0,
        completionMessage: null,
        createdAt: ctx.clock.nowMs(),
        startedAt: null,
        completedAt: null,
      };
      await ctx.store.userImportJobs.create(job);
      return { UserImportJob: toUserImportJobType(job) };
    },
  },
);

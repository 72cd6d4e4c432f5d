import type {
  ListUserImportJobsRequest,
  ListUserImportJobsResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { requirePool } from "../../domain/pools.ts";
import { toUserImportJobType } from "../../domain/user-import.ts";
import { defineOperation } from "../../operation.ts";

/** A page of the pool's user import jobs; MaxResults (1–60) is required (API reference, ListUserImportJobs). */
export default defineOperation<ListUserImportJobsRequest, ListUserImportJobsResponse>("ListUserImportJobs", {
  auth: "iam",
  async handle(input, ctx) {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const after = input.PaginationToken;
    if (after !== undefined && !after.startsWith("import-")) {
      throw new ServiceError("InvalidParameterException", "Invalid pagination token.");
    }
    const page = await ctx.store.userImportJobs.list(pool.id, input.MaxResults!, after);
    return {
      UserImportJobs: page.items.map(toUserImportJobType),
      ...(page.next ? { PaginationToken: page.next } : {}),
    };
  },
});

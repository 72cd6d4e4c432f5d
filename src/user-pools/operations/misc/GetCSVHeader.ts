import type { GetCSVHeaderRequest, GetCSVHeaderResponse } from "@aws-sdk/client-cognito-identity-provider";
import { requirePool } from "../../domain/pools.ts";
import { csvHeader } from "../../domain/user-import.ts";
import { defineOperation } from "../../operation.ts";

export default defineOperation<GetCSVHeaderRequest, GetCSVHeaderResponse>("GetCSVHeader", {
  auth: "iam",
  async handle(input, ctx) {
    const pool = await requirePool(ctx, input.UserPoolId!);
    return { UserPoolId: pool.id, CSVHeader: csvHeader(pool) };
  },
});

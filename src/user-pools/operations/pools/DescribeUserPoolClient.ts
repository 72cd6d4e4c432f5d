import type {
  DescribeUserPoolClientRequest,
  DescribeUserPoolClientResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { requireClient, requirePool } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";
import { toUserPoolClientType } from "../../responses.ts";

export default defineOperation<DescribeUserPoolClientRequest, DescribeUserPoolClientResponse>(
  "DescribeUserPoolClient",
  {
    auth: "iam",
    async handle(input, ctx) {
      await requirePool(ctx, input.UserPoolId!);
      const client = await requireClient(ctx, input.ClientId!, input.UserPoolId!);
      return { UserPoolClient: toUserPoolClientType(client) };
    },
  },
);

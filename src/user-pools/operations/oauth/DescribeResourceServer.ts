import type {
  DescribeResourceServerRequest,
  DescribeResourceServerResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { requirePool } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";
import { requireResourceServer } from "./resource-servers.ts";
import { toResourceServerType } from "./responses.ts";

export default defineOperation<DescribeResourceServerRequest, DescribeResourceServerResponse>(
  "DescribeResourceServer",
  {
    auth: "iam",
    async handle(input, ctx) {
      await requirePool(ctx, input.UserPoolId!);
      return {
        ResourceServer: toResourceServerType(
          await requireResourceServer(ctx, input.UserPoolId!, input.Identifier!),
        ),
      };
    },
  },
);

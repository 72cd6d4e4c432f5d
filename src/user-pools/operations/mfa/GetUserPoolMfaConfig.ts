import type {
  GetUserPoolMfaConfigRequest,
  GetUserPoolMfaConfigResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { requirePool } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";
import { mfaConfigResponse } from "./pool-mfa-config.ts";

export default defineOperation<GetUserPoolMfaConfigRequest, GetUserPoolMfaConfigResponse>(
  "GetUserPoolMfaConfig",
  {
    auth: "iam",
    async handle(input, ctx) {
      return mfaConfigResponse(await requirePool(ctx, input.UserPoolId!));
    },
  },
);

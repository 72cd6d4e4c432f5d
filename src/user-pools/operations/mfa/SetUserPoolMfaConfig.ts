import type {
  SetUserPoolMfaConfigRequest,
  SetUserPoolMfaConfigResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { requirePool } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";
import { applyMfaConfig, mfaConfigResponse } from "./pool-mfa-config.ts";

export default defineOperation<SetUserPoolMfaConfigRequest, SetUserPoolMfaConfigResponse>(
  "SetUserPoolMfaConfig",
  {
    auth: "iam",
    async handle(input, ctx) {
      const pool = await requirePool(ctx, input.UserPoolId!);
      const config = applyMfaConfig(pool, input);
      await ctx.store.pools.update(pool.id, pool.name, config, ctx.clock.nowMs());
      return mfaConfigResponse({ ...pool, config });
    },
  },
);

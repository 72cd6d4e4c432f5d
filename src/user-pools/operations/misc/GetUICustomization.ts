import type {
  GetUICustomizationRequest,
  GetUICustomizationResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { requireClient, requirePool } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";
import { effectiveCustomization, toUICustomizationType } from "./ui-customization.ts";

/**
 * The hosted UI settings that apply to a client (its own, else the pool's `ALL` ones), or the
 * pool's `ALL` settings when ClientId is omitted. Nothing set: just UserPoolId and ClientId.
 */
export default defineOperation<GetUICustomizationRequest, GetUICustomizationResponse>("GetUICustomization", {
  auth: "iam",
  async handle(input, ctx) {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const clientId = input.ClientId && input.ClientId !== "ALL" ? input.ClientId : "ALL";
    if (clientId !== "ALL") await requireClient(ctx, clientId, pool.id);
    const found = await effectiveCustomization(ctx, pool.id, clientId);
    return {
      UICustomization: found
        ? toUICustomizationType(ctx, found)
        : { UserPoolId: pool.id, ClientId: clientId },
    };
  },
});

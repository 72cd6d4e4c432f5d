import type {
  SetUICustomizationRequest,
  SetUICustomizationResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { requireClient, requirePool } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";
import { checkCss, cssVersion, logoType, toUICustomizationType } from "./ui-customization.ts";

/**
 * Sets the hosted UI's CSS and logo for one app client, or for every client (ClientId omitted or
 * `ALL`). CSS and logo are set together: what the request leaves out is removed (developer guide,
 * "You can't set CSS and logo customization separately").
 */
export default defineOperation<SetUICustomizationRequest, SetUICustomizationResponse>("SetUICustomization", {
  auth: "iam",
  async handle(input, ctx) {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const clientId = input.ClientId && input.ClientId !== "ALL" ? input.ClientId : "ALL";
    if (clientId !== "ALL") await requireClient(ctx, clientId, pool.id);
    const css = input.CSS ?? null;
    if (css !== null) checkCss(css);
    // A blob member arrives base64-encoded in AWS JSON.
    const image = input.ImageFile ? Buffer.from(input.ImageFile as unknown as string, "base64") : undefined;
    const imageType = image?.length ? logoType(image) : null;
    const now = ctx.clock.nowMs();
    const before = await ctx.store.uiCustomizations.get(pool.id, clientId);
    const record = {
      poolId: pool.id,
      clientId,
      css,
      cssVersion: css !== null ? cssVersion(css) : null,
      imageType,
      image: imageType ? image!.toString("base64") : null,
      createdAt: before?.createdAt ?? now,
      updatedAt: now,
    };
    await ctx.store.uiCustomizations.put(record);
    return { UICustomization: toUICustomizationType(ctx, record) };
  },
});

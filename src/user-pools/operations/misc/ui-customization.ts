import { createHash } from "node:crypto";
import type { UICustomizationType } from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import type { UICustomizationRecord } from "../../../storage/repositories/ui-customizations.ts";
import type { OperationContext } from "../../operation.ts";

/** The classes the hosted UI (classic) lets CSS style (developer guide, "Customizing hosted UI (classic) branding"). */
export const CUSTOMIZABLE_CLASSES = [
  "background-customizable",
  "banner-customizable",
  "errorMessage-customizable",
  "idpButton-customizable",
  "idpButton-customizable:hover",
  "idpDescription-customizable",
  "inputField-customizable",
  "inputField-customizable:focus",
  "label-customizable",
  "legalText-customizable",
  "logo-customizable",
  "passwordCheck-valid-customizable",
  "passwordCheck-notValid-customizable",
  "redirect-customizable",
  "submitButton-customizable",
  "submitButton-customizable:hover",
  "textDescription-customizable",
];

/** A logo is at most 100 KB (same guide). */
export const MAX_LOGO_BYTES = 100 * 1024;

const invalid = (message: string) => new ServiceError("InvalidParameterException", message);

/**
 * Checks CSS as the hosted UI accepts it: rules whose selectors are only the customizable classes,
 * no at-rules (@import, @media, …), no script, and no `<` (the CSS goes into the page's <style>).
 */
export function checkCss(css: string): void {
  // The raw text goes into the page, comments included, so it is checked before they are stripped.
  if (/[<@\\]|javascript:|expression\s*\(/i.test(css)) {
    throw invalid("CSS must not contain at-rules, script or markup.");
  }
  const text = css.replace(/\/\*[\s\S]*?\*\//g, "");
  const rule = /([^{}]+)\{[^{}]*\}/g;
  if (text.replace(rule, "").trim() !== "") throw invalid("CSS is not a list of rules.");
  for (const [, selectors] of text.matchAll(rule)) {
    for (const sel of selectors!.split(",").map((s) => s.trim())) {
      if (!sel.startsWith(".") || !CUSTOMIZABLE_CLASSES.includes(sel.slice(1))) {
        throw invalid(`CSS selector ${sel} is not one of the customizable classes.`);
      }
    }
  }
}

/** The logo's media type from its first bytes: PNG or JPEG, as the guide allows. */
export function logoType(bytes: Buffer): string {
  if (bytes.length > MAX_LOGO_BYTES) throw invalid("ImageFile must not be larger than 100 KB.");
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return "image/png";
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  throw invalid("ImageFile must be a PNG or JPEG image.");
}

export const cssVersion = (css: string): string =>
  createHash("sha256").update(css).digest("hex").slice(0, 16);

/**
 * The settings that apply to a client: its own, else the pool's `ALL` ones (developer guide: a
 * client with its own settings no longer falls back to ALL).
 */
export async function effectiveCustomization(
  ctx: Pick<OperationContext, "store">,
  poolId: string,
  clientId: string | undefined,
): Promise<UICustomizationRecord | undefined> {
  const own =
    clientId && clientId !== "ALL" ? await ctx.store.uiCustomizations.get(poolId, clientId) : undefined;
  return own ?? (await ctx.store.uiCustomizations.get(poolId, "ALL"));
}

/** Where the hosted UI serves a logo, under a pool's site: `<base URL>/<poolId>/ui/logo/<clientId|ALL>`. */
export const logoPath = (clientId: string): string => `/ui/logo/${encodeURIComponent(clientId)}`;

export function toUICustomizationType(
  ctx: Pick<OperationContext, "config" | "services">,
  u: UICustomizationRecord,
): UICustomizationType {
  // The issuer is <base URL>/<poolId> unless tokens carry Cognito's issuer.
  const issuer = ctx.services.tokens.issuerFor(u.poolId);
  const base = issuer.startsWith("https://cognito-idp.")
    ? ctx.config.publicUrl.replace(/\/$/, "")
    : issuer.slice(0, -(u.poolId.length + 1));
  return {
    UserPoolId: u.poolId,
    ClientId: u.clientId,
    ...(u.image ? { ImageUrl: `${base}/${u.poolId}${logoPath(u.clientId)}` } : {}),
    ...(u.css !== null ? { CSS: u.css } : {}),
    ...(u.cssVersion !== null ? { CSSVersion: u.cssVersion } : {}),
    CreationDate: new Date(u.createdAt),
    LastModifiedDate: new Date(u.updatedAt),
  };
}

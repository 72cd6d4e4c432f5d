import { createHash } from "node:crypto";
import type { DomainDescriptionType, ResourceServerType } from "@aws-sdk/client-cognito-identity-provider";
import type { DomainRecord, ResourceServerRecord } from "../../../storage/repositories/oauth.ts";

/** The account cognate reports in ARNs and descriptions (see poolArn). */
const ACCOUNT_ID = "000000000000";

/**
 * The CloudFront name a domain would be served from. Cognito answers a distribution name; cognate
 * has none, so it derives a stable, plausible one from the domain.
 */
export function cloudFrontDomain(domain: string): string {
  const h = createHash("sha256").update(domain).digest("hex").slice(0, 13);
  return `d${h}.cloudfront.net`;
}

/** `YYYYMMDDhhmmss` of a time, the style of DomainDescription.Version. */
const version = (ms: number) => new Date(ms).toISOString().replace(/[-:T]/g, "").slice(0, 14);

/** DescribeUserPoolDomain's DomainDescription. */
export function toDomainDescription(d: DomainRecord, region: string): DomainDescriptionType {
  return {
    UserPoolId: d.poolId,
    AWSAccountId: ACCOUNT_ID,
    Domain: d.domain,
    S3Bucket: `aws-cognito-prod-${region}-assets`,
    CloudFrontDistribution: cloudFrontDomain(d.domain),
    Version: version(d.updatedAt),
    Status: "ACTIVE",
    ...(d.custom && d.certificateArn ? { CustomDomainConfig: { CertificateArn: d.certificateArn } } : {}),
    ManagedLoginVersion: d.managedLoginVersion,
  };
}

/** ResourceServerType; Scopes is always present (empty when none), as Cognito returns it. */
export function toResourceServerType(rs: ResourceServerRecord): ResourceServerType {
  return { UserPoolId: rs.poolId, Identifier: rs.identifier, Name: rs.name, Scopes: rs.scopes };
}

/** The hostname a domain answers on: `<prefix>.auth.<region>.amazoncognito.com`, or the custom domain itself. */
export const domainHost = (d: Pick<DomainRecord, "domain" | "custom">, region: string): string =>
  d.custom ? d.domain : `${d.domain}.auth.${region}.amazoncognito.com`;

import type { Credentials } from "@aws-sdk/client-cognito-identity";
import { ServiceError } from "../../protocol/aws-json/errors.ts";
import { ALNUM } from "../../runtime/random.ts";
import type { OperationContext } from "../../user-pools/operation.ts";

const UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0234567";
/** The prefix that marks development credentials: no AWS service accepts them. */
export const DEV_ACCESS_KEY_PREFIX = "ASIACOGNATEDEV";
/** Cognito's session name, visible in the assumed-role ARN (…:assumed-role/<role>/CognitoIdentityCredentials). */
const SESSION_NAME = "CognitoIdentityCredentials";
const LIFETIME_SECONDS = 3600;

/**
 * Credentials for `roleArn`. With `stsEndpoint` set, cognate calls AssumeRoleWithWebIdentity
 * there with the identity's OpenID token, as Cognito does; otherwise it makes development
 * credentials (AccessKeyId `ASIACOGNATEDEV…`, valid one hour) that are only good for local stacks.
 */
export async function issueCredentials(
  ctx: OperationContext,
  roleArn: string,
  openIdToken: () => Promise<string>,
): Promise<Credentials> {
  if (ctx.config.stsEndpoint) return assumeRoleWithWebIdentity(ctx, roleArn, await openIdToken());
  return {
    AccessKeyId: DEV_ACCESS_KEY_PREFIX + ctx.random.string(20 - DEV_ACCESS_KEY_PREFIX.length, UPPER_ALNUM),
    SecretKey: ctx.random.string(40, `${ALNUM}+/`),
    SessionToken: ctx.random.bytes(96).toString("base64"),
    Expiration: new Date(ctx.clock.nowMs() + LIFETIME_SECONDS * 1000),
  };
}

/** A plain form POST to the STS query API; the XML answer is read with a few patterns. */
async function assumeRoleWithWebIdentity(
  ctx: OperationContext,
  roleArn: string,
  token: string,
): Promise<Credentials> {
  const body = new URLSearchParams({
    Action: "AssumeRoleWithWebIdentity",
    Version: "2011-06-15",
    RoleArn: roleArn,
    RoleSessionName: SESSION_NAME,
    WebIdentityToken: token,
    DurationSeconds: String(LIFETIME_SECONDS),
  });
  let status: number;
  let xml: string;
  try {
    const res = await fetch(ctx.config.stsEndpoint, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8", accept: "text/xml" },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    status = res.status;
    xml = await res.text();
  } catch (e) {
    ctx.logger.warn("STS AssumeRoleWithWebIdentity failed", {
      endpoint: ctx.config.stsEndpoint,
      error: String(e),
    });
    throw new ServiceError("ExternalServiceException", "The security token service did not respond.");
  }
  const creds = {
    AccessKeyId: tag(xml, "AccessKeyId"),
    SecretKey: tag(xml, "SecretAccessKey"),
    SessionToken: tag(xml, "SessionToken"),
    Expiration: tag(xml, "Expiration"),
  };
  if (status >= 500) {
    ctx.logger.warn("STS AssumeRoleWithWebIdentity failed", { status, code: tag(xml, "Code") });
    throw new ServiceError(
      "ExternalServiceException",
      "The security token service could not issue credentials.",
    );
  }
  if (status !== 200 || !creds.AccessKeyId || !creds.SecretKey || !creds.SessionToken || !creds.Expiration) {
    // A role that does not trust the token is how Cognito users meet this error (developer guide, "Role trust and permissions").
    ctx.logger.warn("STS refused AssumeRoleWithWebIdentity", {
      status,
      code: tag(xml, "Code"),
      message: tag(xml, "Message"),
    });
    throw new ServiceError(
      "InvalidIdentityPoolConfigurationException",
      "Invalid identity pool configuration. Check assigned IAM roles for this pool.",
    );
  }
  return {
    AccessKeyId: creds.AccessKeyId,
    SecretKey: creds.SecretKey,
    SessionToken: creds.SessionToken,
    Expiration: new Date(creds.Expiration),
  };
}

const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** The text of the first `<name>` element, entities decoded. */
function tag(xml: string, name: string): string | undefined {
  const m = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
  return m?.[1]?.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => entities[e]!).trim();
}

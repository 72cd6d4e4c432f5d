import { decodeProtectedHeader, type JWTPayload, errors as joseErrors, jwtVerify } from "jose";
import { ServiceError } from "../../protocol/aws-json/errors.ts";
import { nowSeconds } from "../../runtime/clock.ts";
import type { IdentityPoolRecord } from "../../storage/repositories/identity-pools.ts";
import type { OperationContext } from "../../user-pools/operation.ts";
import type { Services } from "../../user-pools/services.ts";
import { expOf } from "../tokens.ts";
import { poolConfig } from "./pools.ts";

/** The Logins key under which apps pass an identity-pool OpenID token back (developer flow). */
export const COGNITO_IDENTITY_PROVIDER = "cognito-identity.amazonaws.com";

/** A login whose token (or developer identifier) has been checked. */
export interface VerifiedLogin {
  /** The provider name as the identity pool names it; stored and reported by DescribeIdentity. */
  provider: string;
  /** The user within the provider: a user pool `sub` or a developer user identifier. */
  subject: string;
  /** The entry this login adds to an OpenID token's `amr`. */
  amr: string;
  /** RoleMappings keys that apply to this login, most specific first. */
  roleMappingKeys: string[];
  /** The provider token's claims (empty for developer logins). */
  claims: JWTPayload;
  developer: boolean;
}

// Cognito's wording for rejected tokens (amazon-cognito-identity-js#7, #12, #40, #91; aws-sdk-net#420).
const notSupported = () =>
  new ServiceError("NotAuthorizedException", "Token is not from a supported provider of this identity pool.");
const invalidToken = (detail: string) =>
  new ServiceError("NotAuthorizedException", `Invalid login token. ${detail}`);

/**
 * The user pool a provider name designates: `cognito-idp.<region>.amazonaws.com/<poolId>`, or
 * cognate's own issuer `<base URL>/<poolId>` (host and path, as apps pass the issuer; a scheme is
 * tolerated).
 */
export function userPoolIdOf(name: string, services: Pick<Services, "tokens">): string | undefined {
  const bare = name.replace(/^https?:\/\//, "");
  const poolId = /^[\w-]+_[0-9a-zA-Z]+$/;
  const aws = /^cognito-idp\.[a-z0-9-]+\.amazonaws\.com\/(.+)$/.exec(bare);
  if (aws) return poolId.test(aws[1]!) ? aws[1] : undefined;
  const own = services.tokens.issuerFor("").replace(/^https?:\/\//, "");
  if (bare.startsWith(own) && poolId.test(bare.slice(own.length))) return bare.slice(own.length);
  return undefined;
}

/**
 * Checks every login of a GetId/GetOpenIdToken/GetCredentialsForIdentity/UnlinkIdentity request
 * (or, with `developer`, the developer provider of GetOpenIdTokenForDeveloperIdentity). Any bad
 * login fails the whole call, as in Cognito.
 */
export async function verifyLogins(
  ctx: OperationContext,
  pool: IdentityPoolRecord,
  logins: Record<string, string> | undefined,
  opts: { developer?: boolean } = {},
): Promise<VerifiedLogin[]> {
  const out: VerifiedLogin[] = [];
  for (const [key, token] of Object.entries(logins ?? {})) {
    out.push(await verifyLogin(ctx, pool, key, token, opts.developer ?? false));
  }
  return out;
}

async function verifyLogin(
  ctx: OperationContext,
  pool: IdentityPoolRecord,
  key: string,
  token: string,
  developer: boolean,
): Promise<VerifiedLogin> {
  const config = poolConfig(pool);
  if (key === COGNITO_IDENTITY_PROVIDER) throw invalidToken("Can't pass in a Cognito token.");
  if (config.DeveloperProviderName && key === config.DeveloperProviderName) {
    // Developer identifiers are trusted only from SigV4-signed calls (developer guide, "Developer authenticated identities").
    if (!developer) throw notSupported();
    return {
      provider: key,
      subject: token,
      amr: `${key}:${pool.id}:${token}`,
      roleMappingKeys: [key],
      claims: {},
      developer: true,
    };
  }
  const userPoolId = userPoolIdOf(key, ctx.services);
  const entries = userPoolId
    ? (config.CognitoIdentityProviders ?? []).filter(
        (p) => p.ProviderName && userPoolIdOf(p.ProviderName, ctx.services) === userPoolId,
      )
    : [];
  if (!userPoolId || entries.length === 0) {
    const external =
      key in (config.SupportedLoginProviders ?? {}) ||
      (config.OpenIdConnectProviderARNs ?? []).some((arn) => arn.endsWith(`/${key}`));
    if (external) throw invalidToken(`cognate cannot verify tokens from ${key}; see docs/identity-pools.md.`);
    throw notSupported();
  }
  const claims = await verifyIdToken(ctx, userPoolId, token);
  const entry = entries.find((p) => p.ClientId === claims.aud);
  if (!entry) throw notSupported();
  if (entry.ServerSideTokenCheck) await checkServerSide(ctx, userPoolId, claims);
  const provider = entries[0]!.ProviderName!;
  const sub = String(claims.sub);
  return {
    provider,
    subject: sub,
    // As Cognito writes it; API Gateway shows it as cognitoAuthenticationProvider.
    amr: `${provider}:CognitoSignIn:${sub}`,
    roleMappingKeys: [`${provider}:${entry.ClientId}`, provider],
    claims,
    developer: false,
  };
}

/** Verifies a user-pool ID token for real: signature, issuer, expiry (ctx.clock) and token_use. */
async function verifyIdToken(ctx: OperationContext, userPoolId: string, token: string): Promise<JWTPayload> {
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(token).kid;
  } catch {
    throw invalidToken("Not a valid OpenId Connect identity token.");
  }
  const key = kid ? await ctx.services.keys.verificationKey(kid) : undefined;
  if (!key) throw invalidToken("Couldn't verify signed token.");
  if (key.poolId !== userPoolId) throw invalidToken("Issuer doesn't match providerName");
  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(token, key.key, {
      algorithms: ["RS256"],
      currentDate: new Date(ctx.clock.nowMs()),
      clockTolerance: 0,
    }));
  } catch (e) {
    // e.g. "Invalid login token. Token expired: 1667365798 >= 1667235770" (qqaatw/JciHitachiHA#33).
    if (e instanceof joseErrors.JWTExpired)
      throw invalidToken(`Token expired: ${nowSeconds(ctx.clock)} >= ${expOf(token)}`);
    throw invalidToken("Couldn't verify signed token.");
  }
  if (claims.iss !== ctx.services.tokens.issuerFor(userPoolId))
    throw invalidToken("Issuer doesn't match providerName");
  // An access token has no aud: Cognito answers "Missing a required claim: aud" (amazon-cognito-identity-js#12).
  if (claims.aud === undefined) throw invalidToken("Missing a required claim: aud");
  if (claims.token_use !== "id") throw invalidToken("Not a valid OpenId Connect identity token.");
  return claims;
}

/** ServerSideTokenCheck: the user must still exist and be enabled, and the sign-in must not be revoked. */
async function checkServerSide(ctx: OperationContext, userPoolId: string, claims: JWTPayload): Promise<void> {
  const { session, user } =
    typeof claims.origin_jti === "string"
      ? await ctx.store.users.getWithSession(userPoolId, String(claims.sub), claims.origin_jti)
      : {};
  if (!user?.enabled || !session || session.revokedAt !== null) throw invalidToken("Token has been revoked.");
}

/** The provider names stored for an identity's logins, deduplicated, as DescribeIdentity lists them. */
export const providerNames = (logins: { provider: string }[]): string[] => [
  ...new Set(logins.map((l) => l.provider)),
];

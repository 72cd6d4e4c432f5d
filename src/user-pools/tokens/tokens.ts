import { createHash } from "node:crypto";
import type { AuthenticationResultType } from "@aws-sdk/client-cognito-identity-provider";
import { decodeProtectedHeader, errors as joseErrors, jwtVerify } from "jose";
import { ServiceError } from "../../protocol/aws-json/errors.ts";
import { type Clock, nowSeconds } from "../../runtime/clock.ts";
import type { Random } from "../../runtime/random.ts";
import type { ClientRecord, GroupRecord, PoolRecord, UserRecord } from "../../storage/records.ts";
import type { Store } from "../../storage/store.ts";
import { IDENTITIES_ATTRIBUTE, identitiesClaim } from "../domain/identities.ts";
import type { AccessTokenClaims } from "../operation.ts";
import { signJwt } from "./jws.ts";
import type { KeyRing } from "./keys.ts";

export const ADMIN_SCOPE = "aws.cognito.signin.user.admin";

const unitSeconds = { seconds: 1, minutes: 60, hours: 3600, days: 86400 } as const;
type Unit = keyof typeof unitSeconds;

/** Token lifetimes in seconds from the client's settings (defaults: 1 h access and ID, 30 days refresh). */
export function tokenValidity(client: ClientRecord): { access: number; id: number; refresh: number } {
  const c = client.config as {
    AccessTokenValidity?: number;
    IdTokenValidity?: number;
    RefreshTokenValidity?: number;
    TokenValidityUnits?: { AccessToken?: Unit; IdToken?: Unit; RefreshToken?: Unit };
  };
  const u = c.TokenValidityUnits ?? {};
  return {
    access:
      (c.AccessTokenValidity ?? 1) *
      unitSeconds[u.AccessToken ?? (c.AccessTokenValidity ? "hours" : "hours")],
    id: (c.IdTokenValidity ?? 1) * unitSeconds[u.IdToken ?? "hours"],
    refresh: (c.RefreshTokenValidity ?? 30) * unitSeconds[u.RefreshToken ?? "days"],
  };
}

export const sha256 = (s: string): string => createHash("sha256").update(s).digest("base64url");

export interface IssueRequest {
  pool: PoolRecord;
  client: ClientRecord;
  user: UserRecord;
  groups: GroupRecord[];
  /** Space-separated scopes for the access token. */
  scope?: string;
  /** Set when refreshing: the original sign-in's values are kept. */
  session?: { originJti: string; eventId: string; authTime: number };
  nonce?: string;
  /** Include an ID token (OAuth without the openid scope has none). */
  idToken?: boolean;
  /** Epoch seconds of the sign-in, when it happened before this issue (hosted UI, then the token endpoint). */
  authTime?: number;
  /** Epoch ms at which the new refresh token expires, instead of the client's validity (rotation). */
  refreshExpiresAt?: number;
}

/** Issues, verifies and revokes tokens the way Cognito shapes them. */
export class TokenService {
  constructor(
    private readonly store: Store,
    private readonly keys: KeyRing,
    private readonly clock: Clock,
    private readonly random: Random,
    private readonly issuer: (poolId: string) => string,
  ) {}

  issuerFor(poolId: string): string {
    return this.issuer(poolId);
  }

  /** Signs an access and an ID token; on a new sign-in also a refresh token, stored by hash. */
  async issue(req: IssueRequest): Promise<AuthenticationResultType> {
    const now = nowSeconds(this.clock);
    const validity = tokenValidity(req.client);
    const originJti = req.session?.originJti ?? this.random.uuid();
    const eventId = req.session?.eventId ?? this.random.uuid();
    const authTime = req.session?.authTime ?? req.authTime ?? now;
    const scope = req.scope ?? ADMIN_SCOPE;
    const iss = this.issuer(req.pool.id);
    const { kid, key } = await this.keys.signingKey(req.pool.id);
    const groups = sortByPrecedence(req.groups);
    const groupNames = groups.map((g) => g.name);

    const access: Record<string, unknown> = { sub: req.user.id };
    if (groupNames.length) access["cognito:groups"] = groupNames;
    Object.assign(access, {
      iss,
      client_id: req.client.clientId,
      origin_jti: originJti,
      event_id: eventId,
      token_use: "access",
      scope,
      auth_time: authTime,
      exp: now + validity.access,
      iat: now,
      jti: this.random.uuid(),
      username: req.user.username,
    });
    const header = { kid, alg: "RS256" };
    const accessToken = signJwt(header, access, key);
    const idToken =
      req.idToken === false
        ? undefined
        : signJwt(
            header,
            this.idClaims(req, { iss, now, validity: validity.id, originJti, eventId, authTime, groups }),
            key,
          );
    const result: AuthenticationResultType = {
      AccessToken: accessToken,
      ExpiresIn: validity.access,
      TokenType: "Bearer",
    };
    if (idToken !== undefined) result.IdToken = idToken;
    if (!req.session) {
      const refresh = this.random.bytes(96).toString("base64url");
      await this.store.refreshTokens.create({
        tokenHash: sha256(refresh),
        originJti,
        poolId: req.pool.id,
        clientId: req.client.clientId,
        userId: req.user.id,
        authTime,
        eventId,
        scopes: scope,
        createdAt: this.clock.nowMs(),
        expiresAt: req.refreshExpiresAt ?? this.clock.nowMs() + validity.refresh * 1000,
        revokedAt: null,
      });
      result.RefreshToken = refresh;
    }
    return result;
  }

  /**
   * The access token of the client_credentials grant: no user, so `sub` is the client id, as
   * Cognito issues it (developer guide, "Scopes, M2M, and APIs with resource servers"). No ID or
   * refresh token.
   */
  async issueClientCredentials(
    pool: PoolRecord,
    client: ClientRecord,
    scope: string,
  ): Promise<{ accessToken: string; expiresIn: number }> {
    const now = nowSeconds(this.clock);
    const expiresIn = tokenValidity(client).access;
    const { kid, key } = await this.keys.signingKey(pool.id);
    const claims = {
      sub: client.clientId,
      token_use: "access",
      scope,
      auth_time: now,
      iss: this.issuer(pool.id),
      exp: now + expiresIn,
      iat: now,
      version: 2,
      jti: this.random.uuid(),
      client_id: client.clientId,
    };
    const accessToken = signJwt({ kid, alg: "RS256" }, claims, key);
    return { accessToken, expiresIn };
  }

  private idClaims(
    req: IssueRequest,
    t: {
      iss: string;
      now: number;
      validity: number;
      originJti: string;
      eventId: string;
      authTime: number;
      groups: GroupRecord[];
    },
  ): Record<string, unknown> {
    const readable = req.client.config.ReadAttributes as string[] | undefined;
    const claims: Record<string, unknown> = { sub: req.user.id };
    if (t.groups.length) {
      claims["cognito:groups"] = t.groups.map((g) => g.name);
      const roles = t.groups.map((g) => g.roleArn).filter((r): r is string => !!r);
      if (roles.length) {
        claims["cognito:preferred_role"] = roles[0];
        claims["cognito:roles"] = roles;
      }
    }
    for (const [name, value] of Object.entries(req.user.attributes)) {
      if (name === "sub" || (readable && !readable.includes(name))) continue;
      claims[name] = name === "email_verified" || name === "phone_number_verified" ? value === "true" : value;
      if (name === IDENTITIES_ATTRIBUTE) claims[name] = identitiesClaim(value);
    }
    Object.assign(claims, {
      iss: t.iss,
      "cognito:username": req.user.username,
      origin_jti: t.originJti,
      aud: req.client.clientId,
      event_id: t.eventId,
      token_use: "id",
      auth_time: t.authTime,
      exp: t.now + t.validity,
      iat: t.now,
      jti: this.random.uuid(),
    });
    if (req.nonce) claims.nonce = req.nonce;
    return claims;
  }

  /** Verifies an access token for a token-authorised operation. Errors are Cognito's. */
  /**
   * Access tokens whose signature, issuer and token_use were verified, so a token used again
   * costs no RSA verification. Expiry and revocation are still checked on every use.
   */
  readonly #verified = new Map<string, { poolId: string; claims: AccessTokenClaims }>();

  /**
   * Verifies an access token and loads its user: signature (once per token), expiry, and on every
   * use the revocation of its sign-in, read together with the user in one query. `user` is
   * undefined when the user no longer exists.
   */
  async verifyAccessToken(
    token: unknown,
  ): Promise<{ poolId: string; claims: AccessTokenClaims; user: UserRecord | undefined }> {
    const invalid = () => new ServiceError("NotAuthorizedException", "Invalid Access Token");
    if (typeof token !== "string" || token.length === 0) throw invalid();
    let verified = this.#verified.get(token);
    if (!verified) {
      verified = await this.verifySignature(token, invalid);
      if (this.#verified.size >= VERIFIED_CACHE_SIZE)
        this.#verified.delete(this.#verified.keys().next().value!);
      this.#verified.set(token, verified);
    }
    if (verified.claims.exp * 1000 <= this.clock.nowMs()) {
      throw new ServiceError("NotAuthorizedException", "Access Token has expired");
    }
    const { poolId, claims } = verified;
    const { session, user } = await this.store.users.getWithSession(poolId, claims.sub, claims.origin_jti);
    if (!session || session.revokedAt !== null) {
      throw new ServiceError("NotAuthorizedException", "Access Token has been revoked");
    }
    return { poolId, claims, user };
  }

  private async verifySignature(token: string, invalid: () => ServiceError) {
    let kid: string | undefined;
    try {
      kid = decodeProtectedHeader(token).kid;
    } catch {
      throw invalid();
    }
    const key = kid ? await this.keys.verificationKey(kid) : undefined;
    if (!key) throw invalid();
    let claims: AccessTokenClaims;
    try {
      const r = await jwtVerify(token, key.key, {
        algorithms: ["RS256"],
        issuer: this.issuer(key.poolId),
        currentDate: new Date(this.clock.nowMs()),
        clockTolerance: 0,
      });
      claims = r.payload as unknown as AccessTokenClaims;
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired)
        throw new ServiceError("NotAuthorizedException", "Access Token has expired");
      throw invalid();
    }
    if (claims.token_use !== "access" || typeof claims.exp !== "number") throw invalid();
    return { poolId: key.poolId, claims };
  }
}

/** Verified access tokens kept per process (a few MiB at most). */
const VERIFIED_CACHE_SIZE = 10_000;

export function sortByPrecedence(groups: GroupRecord[]): GroupRecord[] {
  return [...groups].sort(
    (a, b) =>
      (a.precedence ?? Number.MAX_SAFE_INTEGER) - (b.precedence ?? Number.MAX_SAFE_INTEGER) ||
      a.name.localeCompare(b.name),
  );
}

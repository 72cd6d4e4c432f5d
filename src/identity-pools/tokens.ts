import type { KeyObject } from "node:crypto";
import { decodeJwt, exportJWK, importJWK, type JWK, type JWTPayload, jwtVerify } from "jose";
import type { Config } from "../config/schema.ts";
import { nowSeconds } from "../runtime/clock.ts";
import type { Store } from "../storage/store.ts";
import type { OperationContext } from "../user-pools/operation.ts";
import type { Services } from "../user-pools/services.ts";
import { rsaSigningKey, signJwt } from "../user-pools/tokens/jws.ts";
import { generateSigningKey } from "../user-pools/tokens/keys.ts";

/** Where the identity service's signing key lives in `meta` (created on first use, never committed). */
const META_KEY = "identity-pools-signing-key";
/** Cognito's issuer for identity-pool OpenID tokens, used when `awsIssuer` is on. */
export const AWS_IDENTITY_ISSUER = "https://cognito-identity.amazonaws.com";

interface StoredKey {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}
type Key = CryptoKey | Uint8Array;

/**
 * The identity service's own RS256 key: it signs the OpenID tokens of GetOpenIdToken,
 * GetOpenIdTokenForDeveloperIdentity and (for STS) GetCredentialsForIdentity, and is
 * published at `/identity/.well-known/jwks.json`.
 */
export class IdentityKey {
  #loaded?: Promise<{ stored: StoredKey; signing: KeyObject; verifying: Key }>;
  constructor(private readonly store: Store) {}

  #load() {
    if (!this.#loaded) {
      this.#loaded = (async () => {
        let raw = await this.store.meta.get(META_KEY);
        if (!raw) {
          const k = await generateSigningKey("identity", 0);
          const fresh: StoredKey = {
            kid: k.kid,
            privateJwk: k.privateJwk as JWK,
            publicJwk: k.publicJwk as JWK,
          };
          // getOrCreate keeps the first writer's key when several instances start at once.
          raw = await this.store.meta.getOrCreate(META_KEY, JSON.stringify(fresh));
        }
        const stored = JSON.parse(raw) as StoredKey;
        return {
          stored,
          signing: rsaSigningKey(stored.privateJwk),
          verifying: (await importJWK(stored.publicJwk, "RS256")) as Key,
        };
      })();
      this.#loaded.catch(() => (this.#loaded = undefined));
    }
    return this.#loaded;
  }

  async sign(claims: JWTPayload): Promise<string> {
    const { stored, signing } = await this.#load();
    // Cognito's identity tokens carry `typ: JWS` in the header.
    return signJwt({ kid: stored.kid, typ: "JWS", alg: "RS256" }, claims, signing);
  }

  async verify(token: string, opts: { issuer: string; audience?: string; now: Date }): Promise<JWTPayload> {
    const { verifying } = await this.#load();
    const { payload } = await jwtVerify(token, verifying, {
      algorithms: ["RS256"],
      issuer: opts.issuer,
      currentDate: opts.now,
      clockTolerance: 0,
      ...(opts.audience ? { audience: opts.audience } : {}),
    });
    return payload;
  }

  async jwks(): Promise<{ keys: Record<string, unknown>[] }> {
    const { stored } = await this.#load();
    const pub = await exportJWK((await importJWK(stored.publicJwk, "RS256")) as CryptoKey);
    return { keys: [{ kty: "RSA", alg: "RS256", use: "sig", kid: stored.kid, n: pub.n, e: pub.e }] };
  }
}

/** One IdentityKey per running server (keyed by its services, which every request shares). */
const keys = new WeakMap<Services, IdentityKey>();

/**
 * The identity key of this server. Pass the server's own store, not a transaction's: the key is
 * cached for the life of the process.
 */
export function identityKey(services: Services, store: Store): IdentityKey {
  let k = keys.get(services);
  if (!k) {
    k = new IdentityKey(store);
    keys.set(services, k);
  }
  return k;
}

/**
 * `iss` of identity OpenID tokens: `<base URL>/identity`, or Cognito's
 * `https://cognito-identity.amazonaws.com` with `awsIssuer`. The user-pool issuer is
 * `<base URL>/<poolId>`, so `issuerFor("identity")` is exactly `<base URL>/identity`.
 */
export function identityIssuer(
  config: Pick<Config, "awsIssuer">,
  services: Pick<Services, "tokens">,
): string {
  return config.awsIssuer ? AWS_IDENTITY_ISSUER : services.tokens.issuerFor("identity");
}

export interface OpenIdTokenRequest {
  identityId: string;
  poolId: string;
  /** "authenticated" or "unauthenticated" first, then provider entries. */
  amr: string[];
  /** Seconds; Cognito's default is 10 minutes (GetOpenIdToken, API reference). */
  lifetime?: number;
  principalTags?: Record<string, string>;
}

/** Signs an identity-pool OpenID token: sub = identity id, aud = identity pool id. */
export async function signOpenIdToken(ctx: OperationContext, req: OpenIdTokenRequest): Promise<string> {
  const now = nowSeconds(ctx.clock);
  const claims: JWTPayload = {
    sub: req.identityId,
    aud: req.poolId,
    amr: req.amr,
    iss: identityIssuer(ctx.config, ctx.services),
    exp: now + (req.lifetime ?? 600),
    iat: now,
  };
  if (req.principalTags && Object.keys(req.principalTags).length) {
    // The claim STS reads session tags from (IAM User Guide, "Passing session tags using AssumeRoleWithWebIdentity").
    claims["https://aws.amazon.com/tags"] = {
      principal_tags: Object.fromEntries(Object.entries(req.principalTags).map(([k, v]) => [k, [v]])),
    };
  }
  return identityKey(ctx.services, ctx.store).sign(claims);
}

/** Reads `exp` without verifying (for error messages only). */
export const expOf = (token: string): number | undefined => {
  try {
    return decodeJwt(token).exp;
  } catch {
    return undefined;
  }
};

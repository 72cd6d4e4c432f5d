import { createHash, type KeyObject } from "node:crypto";
import { exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import type { SigningKeyRecord } from "../../storage/records.ts";
import type { Store } from "../../storage/store.ts";
import { rsaSigningKey } from "./jws.ts";

type Key = CryptoKey | Uint8Array;

/** Creates a pool's RS256 signing key (stored with the pool; never committed or logged). */
export async function generateSigningKey(poolId: string, createdAt: number): Promise<SigningKeyRecord> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", {
    modulusLength: 2048,
    extractable: true,
  });
  const publicJwk = await exportJWK(publicKey);
  // kid: base64 of a SHA-256 over the public key, the same style Cognito uses (44 chars).
  const kid = createHash("sha256").update(`${publicJwk.n}.${publicJwk.e}`).digest("base64");
  return {
    kid,
    poolId,
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: "RS256" },
    publicJwk: { ...publicJwk, kid, alg: "RS256", use: "sig" },
    createdAt,
  };
}

/** Loads and caches signing keys; any instance sharing the database finds every key by kid. */
export class KeyRing {
  readonly #signing = new Map<string, Promise<{ kid: string; key: KeyObject }>>();
  readonly #verifying = new Map<string, Promise<{ poolId: string; key: Key } | undefined>>();
  constructor(private readonly store: Store) {}

  signingKey(poolId: string): Promise<{ kid: string; key: KeyObject }> {
    let p = this.#signing.get(poolId);
    if (!p) {
      p = (async () => {
        const keys = await this.store.pools.signingKeys(poolId);
        const k = keys.at(-1);
        if (!k) throw new Error(`pool ${poolId} has no signing key`);
        return { kid: k.kid, key: rsaSigningKey(k.privateJwk as JWK) };
      })();
      p.catch(() => this.#signing.delete(poolId));
      this.#signing.set(poolId, p);
    }
    return p;
  }

  verificationKey(kid: string): Promise<{ poolId: string; key: Key } | undefined> {
    let p = this.#verifying.get(kid);
    if (!p) {
      p = (async () => {
        const k = await this.store.pools.signingKey(kid);
        if (!k) return undefined;
        return { poolId: k.poolId, key: (await importJWK(k.publicJwk as JWK, "RS256")) as Key };
      })();
      // Unknown kids are not cached, so a key created by another instance is found later.
      p.then(
        (v) => v ?? this.#verifying.delete(kid),
        () => this.#verifying.delete(kid),
      );
      this.#verifying.set(kid, p);
    }
    return p;
  }

  /** Forgets a deleted pool's keys. */
  forget(poolId: string): void {
    this.#signing.delete(poolId);
    for (const [kid, p] of this.#verifying)
      void p.then((v) => v?.poolId === poolId && this.#verifying.delete(kid));
  }

  async jwks(poolId: string): Promise<{ keys: Record<string, unknown>[] }> {
    const keys = await this.store.pools.signingKeys(poolId);
    return {
      keys: keys.map((k) => ({
        alg: "RS256",
        e: k.publicJwk.e,
        kid: k.kid,
        kty: "RSA",
        n: k.publicJwk.n,
        use: "sig",
      })),
    };
  }
}

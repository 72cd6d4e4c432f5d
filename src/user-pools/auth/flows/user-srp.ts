import { createHmac } from "node:crypto";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import type { UserRecord } from "../../../storage/records.ts";
import type { Store } from "../../../storage/store.ts";
import { clientConfig } from "../../domain/pools.ts";
import { checkSecretHash } from "../../domain/secret-hash.ts";
import { findUser } from "../../domain/users.ts";
import { sealSession } from "../complete.ts";
import type { AuthOutcome, AuthRequest } from "../outcome.ts";
import { unknownUser } from "../password-check.ts";
import { N, parseHexInt } from "../srp/group.ts";
import { serverExchange } from "../srp/protocol.ts";
import { type AuthFlow, requireParam } from "./types.ts";

/** What a PASSWORD_VERIFIER session carries: the derived key and the salt it was derived with. */
export interface VerifierSessionData {
  /** base64 of the 16-byte HKDF key; absent when the user has no verifier yet. */
  key?: string;
  /** The salt the key belongs to: a password set since then changes it and fails the proof. */
  salt?: string;
}

/** SRP_A as a group element; A ≡ 0 (mod N) would let anyone compute the shared secret (RFC 5054 §2.5.4). */
export function parseSrpA(params: Record<string, string>): bigint {
  const A = parseHexInt(requireParam(params, "SRP_A"));
  if (A === undefined)
    throw new ServiceError("InvalidParameterException", "SRP_A must be a hexadecimal number.");
  if (A % N === 0n) throw new ServiceError("NotAuthorizedException", "Incorrect username or password.");
  return A;
}

const decoyKeys = new WeakMap<Store, Promise<Buffer>>();

/** A per-deployment secret so made-up salts are stable per name and cannot be told from real ones. */
function decoyKey(req: AuthRequest): Promise<Buffer> {
  let key = decoyKeys.get(req.ctx.store);
  if (!key) {
    key = req.ctx.store.meta
      .getOrCreate("srp-decoy-key", req.ctx.random.bytes(32).toString("base64"))
      .then((v) => Buffer.from(v, "base64"));
    decoyKeys.set(req.ctx.store, key);
  }
  return key;
}

/**
 * Answers SRP_A with the PASSWORD_VERIFIER challenge: SALT, SRP_B, SECRET_BLOCK, USER_ID_FOR_SRP,
 * USERNAME. All the server's SRP work happens here; the sealed SECRET_BLOCK keeps only the derived
 * key, so the answer costs one HMAC. Users without a stored verifier (passwords set before SRP
 * support) and unknown users under PreventUserExistenceErrors get a challenge with a stable
 * made-up salt that no answer can pass ("Incorrect username or password.").
 */
export async function startPasswordVerifier(
  req: AuthRequest,
  user: UserRecord | undefined,
  typedName: string,
  flow: string,
): Promise<AuthOutcome> {
  const A = parseSrpA(req.params);
  // Cognito resolves SRP sign-in names as usernames and aliases, not as the sub (measured, ministackorg/ministack#1758).
  const known = user && !(typedName === user.id && typedName !== user.username) ? user : undefined;
  if (!known && clientConfig(req.client).PreventUserExistenceErrors !== "ENABLED")
    throw unknownUser(req.client);
  const userId = known?.username ?? typedName;

  let salt = known?.srpSalt ?? undefined;
  let verifier = known?.srpVerifier ?? undefined;
  const real = salt !== undefined && verifier !== undefined;
  if (!real) {
    const mac = createHmac("sha256", await decoyKey(req))
      .update(`${req.pool.id}\0${userId}`)
      .digest();
    salt = BigInt(`0x${mac.subarray(0, 16).toString("hex")}`).toString(16);
    verifier = req.ctx.random.bytes(384).toString("hex");
  }
  let exchange: ReturnType<typeof serverExchange>;
  do exchange = serverExchange(A, verifier!, BigInt(`0x${req.ctx.random.bytes(32).toString("hex")}`));
  while (!exchange);

  const data: VerifierSessionData = real ? { key: exchange.key.toString("base64"), salt } : {};
  const sealed = known
    ? sealSession(req, known, "PASSWORD_VERIFIER", flow, data as Record<string, unknown>)
    : req.ctx.services.sessions.seal({
        poolId: req.pool.id,
        clientId: req.client.clientId,
        userId: "",
        username: typedName,
        challenge: "PASSWORD_VERIFIER",
        flow,
      });
  return {
    kind: "challenge",
    name: "PASSWORD_VERIFIER",
    parameters: {
      SALT: salt!,
      SRP_B: exchange.B.toString(16),
      SECRET_BLOCK: Buffer.from(sealed, "base64url").toString("base64"),
      USER_ID_FOR_SRP: userId,
      USERNAME: userId,
    },
    // USER_SRP_AUTH answers without a Session (the SECRET_BLOCK is the session); USER_AUTH's steps all carry one.
    ...(flow === "USER_AUTH" ? { session: sealed } : {}),
  };
}

/** USER_SRP_AUTH (InitiateAuth and AdminInitiateAuth): USERNAME and SRP_A. */
export const userSrpAuth: AuthFlow = {
  flow: "USER_SRP_AUTH",
  // SRP was always on for clients configured with the legacy names, unless CUSTOM_AUTH_FLOW_ONLY.
  allowedBy: ["ALLOW_USER_SRP_AUTH", "ADMIN_NO_SRP_AUTH", "USER_PASSWORD_AUTH"],
  notEnabled: "USER_SRP_AUTH is not enabled for the client.",
  via: "both",
  async start(req) {
    const username = requireParam(req.params, "USERNAME");
    requireParam(req.params, "SRP_A");
    checkSecretHash(req.client, username, req.params.SECRET_HASH);
    return startPasswordVerifier(req, await findUser(req.ctx, req.pool, username), username, "USER_SRP_AUTH");
  },
};

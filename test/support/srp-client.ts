import { createHmac } from "node:crypto";
import { createRequire } from "node:module";

/**
 * The client half of Cognito's SRP, driven through amazon-cognito-identity-js's own
 * AuthenticationHelper (the code CognitoUser.authenticateUserDefaultAuth runs), for tests that
 * speak the wire by hand: AdminInitiateAuth, USER_AUTH, forged answers.
 */
const require = createRequire(import.meta.url);
// The library's typings do not declare these two; they are its public JavaScript exports.
const { AuthenticationHelper, DateHelper } = require("amazon-cognito-identity-js") as {
  AuthenticationHelper: new (poolName: string) => Helper;
  DateHelper: new () => { getNowString(): string };
};
const BigInteger = (
  require("amazon-cognito-identity-js/lib/BigInteger.js") as {
    default: new (hex: string, radix: number) => unknown;
  }
).default;

interface Helper {
  N: { toString(radix: number): string };
  k: { toString(radix: number): string };
  getLargeAValue(cb: (err: unknown, a: { toString(radix: number): string }) => void): void;
  getPasswordAuthenticationKey(
    username: string,
    password: string,
    B: unknown,
    salt: unknown,
    cb: (err: unknown, key: Uint8Array) => void,
  ): void;
}

export interface SrpClient {
  /** SRP_A as the library sends it (hex, no padding). */
  readonly srpA: string;
  /** The 16-byte key the library derives from the challenge and the password. */
  key(challenge: Record<string, string>, password: string): Promise<Buffer>;
  /** The PASSWORD_VERIFIER ChallengeResponses, as CognitoUser builds them. */
  answer(
    challenge: Record<string, string>,
    password: string,
    opts?: { timestamp?: string },
  ): Promise<Record<string, string>>;
}

export function srpClient(poolId: string): SrpClient {
  const poolName = poolId.split("_")[1]!;
  const helper = new AuthenticationHelper(poolName);
  let srpA = "";
  helper.getLargeAValue((err, a) => {
    if (err) throw err;
    srpA = a.toString(16);
  });
  const key = (c: Record<string, string>, password: string) =>
    new Promise<Buffer>((resolve, reject) =>
      helper.getPasswordAuthenticationKey(
        c.USER_ID_FOR_SRP!,
        password,
        new BigInteger(c.SRP_B!, 16),
        new BigInteger(c.SALT!, 16),
        (err, k) => (err ? reject(err) : resolve(Buffer.from(k))),
      ),
    );
  return {
    srpA,
    key,
    async answer(c, password, opts = {}) {
      const hkdf = await key(c, password);
      const timestamp = opts.timestamp ?? new DateHelper().getNowString();
      const signature = createHmac("sha256", hkdf)
        .update(
          Buffer.concat([
            Buffer.from(poolName),
            Buffer.from(c.USER_ID_FOR_SRP!),
            Buffer.from(c.SECRET_BLOCK!, "base64"),
            Buffer.from(timestamp),
          ]),
        )
        .digest("base64");
      return {
        USERNAME: c.USER_ID_FOR_SRP!,
        PASSWORD_CLAIM_SECRET_BLOCK: c.SECRET_BLOCK!,
        TIMESTAMP: timestamp,
        PASSWORD_CLAIM_SIGNATURE: signature,
      };
    },
  };
}

/** The library's own N and k, as hex, for checking the server's constants against. */
export function libraryConstants(): { N: string; k: string } {
  const h = new AuthenticationHelper("x");
  return { N: h.N.toString(16), k: h.k.toString(16) };
}

/** The library's current TIMESTAMP (DateHelper.getNowString). */
export function libraryTimestamp(): string {
  return new DateHelper().getNowString();
}

import { hash, verify } from "@node-rs/argon2";
import { ServiceError } from "../../protocol/aws-json/errors.ts";

export interface Argon2Params {
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

/**
 * argon2id password hashing (OWASP: m=19 MiB, t=2, p=1 by default). Parameters
 * live in each PHC string, so raising them later re-hashes on the next sign-in.
 */
export class PasswordHasher {
  #dummy: Promise<string> | undefined;
  constructor(private readonly params: Argon2Params) {}

  hash(password: string): Promise<string> {
    return hash(password, {
      memoryCost: this.params.memoryKiB,
      timeCost: this.params.iterations,
      parallelism: this.params.parallelism,
    });
  }

  /** Checks a password; `rehash` is true when the stored hash uses weaker parameters than configured. */
  async verify(stored: string | null, password: string): Promise<{ ok: boolean; rehash: boolean }> {
    if (!stored) {
      await this.burn(password);
      return { ok: false, rehash: false };
    }
    let ok = false;
    try {
      ok = await verify(stored, password);
    } catch {
      ok = false;
    }
    return { ok, rehash: ok && this.isOutdated(stored) };
  }

  /** Spends the same time as a real check, so unknown users cannot be told apart by timing. */
  async burn(password: string): Promise<void> {
    this.#dummy ??= this.hash("cognate-timing-equaliser");
    await verify(await this.#dummy, password).catch(() => false);
  }

  private isOutdated(stored: string): boolean {
    const m = /\$argon2id\$v=\d+\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(stored);
    if (!m) return true;
    return (
      Number(m[1]) < this.params.memoryKiB ||
      Number(m[2]) < this.params.iterations ||
      Number(m[3]) < this.params.parallelism
    );
  }
}

export interface PasswordPolicy {
  MinimumLength?: number;
  RequireUppercase?: boolean;
  RequireLowercase?: boolean;
  RequireNumbers?: boolean;
  RequireSymbols?: boolean;
  TemporaryPasswordValidityDays?: number;
  PasswordHistorySize?: number;
}

/** Cognito's default policy for a new pool. */
export const defaultPasswordPolicy: Required<Omit<PasswordPolicy, "PasswordHistorySize">> = {
  MinimumLength: 8,
  RequireUppercase: true,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: true,
  TemporaryPasswordValidityDays: 7,
};

// The special characters Cognito accepts as symbols (developer guide, "Password policies").
const SYMBOLS = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ";

/**
 * Throws InvalidPasswordException with Cognito's wording for the first rule broken.
 * Source: observed Cognito responses, e.g. "Password did not conform with policy: Password not long enough".
 */
export function checkPasswordPolicy(policy: PasswordPolicy | undefined, password: string): void {
  const p = { ...defaultPasswordPolicy, ...policy };
  const fail = (why: string) => {
    throw new ServiceError("InvalidPasswordException", `Password did not conform with policy: ${why}`);
  };
  if ([...password].length < p.MinimumLength) fail("Password not long enough");
  if (p.RequireLowercase && !/[a-z]/.test(password)) fail("Password must have lowercase characters");
  if (p.RequireUppercase && !/[A-Z]/.test(password)) fail("Password must have uppercase characters");
  if (p.RequireNumbers && !/[0-9]/.test(password)) fail("Password must have numeric characters");
  if (p.RequireSymbols && ![...password].some((c) => SYMBOLS.includes(c)))
    fail("Password must have symbol characters");
}

/** A temporary password that satisfies the policy (AdminCreateUser without TemporaryPassword). */
export function generateTemporaryPassword(
  policy: PasswordPolicy | undefined,
  pick: (alphabet: string, n: number) => string,
): string {
  const p = { ...defaultPasswordPolicy, ...policy };
  const length = Math.max(p.MinimumLength, 12);
  const parts = [
    pick("ABCDEFGHJKLMNPQRSTUVWXYZ", 1),
    pick("abcdefghijkmnopqrstuvwxyz", 1),
    pick("23456789", 1),
    pick("!#%&*+-=?@^_", 1),
  ];
  parts.push(pick("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789", length - parts.length));
  return parts.join("");
}

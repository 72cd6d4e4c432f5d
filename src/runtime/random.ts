import { randomBytes, randomInt, randomUUID } from "node:crypto";

/**
 * The only source of randomness for server logic (`node:crypto` underneath).
 *
 * @example
 * const id = random.string(9, ALNUM); // "Ab3dE9xYz"
 */
export interface Random {
  bytes(n: number): Buffer;
  uuid(): string;
  /** A uniformly random string of `length` characters from `alphabet`. */
  string(length: number, alphabet: string): string;
  /** A string of `length` decimal digits, leading zeros allowed. */
  digits(length: number): string;
}

export const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
export const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

export const cryptoRandom: Random = {
  bytes: (n) => randomBytes(n),
  uuid: () => randomUUID(),
  string(length, alphabet) {
    let s = "";
    for (let i = 0; i < length; i++) s += alphabet[randomInt(alphabet.length)];
    return s;
  },
  digits(length) {
    let s = "";
    for (let i = 0; i < length; i++) s += String(randomInt(10));
    return s;
  },
};

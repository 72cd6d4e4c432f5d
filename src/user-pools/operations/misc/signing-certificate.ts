import { createHash, createPrivateKey, createPublicKey, type JsonWebKey, sign } from "node:crypto";
import type { SigningKeyRecord } from "../../../storage/records.ts";

// A minimal DER writer for one self-signed X.509 v3 certificate (RFC 5280); node:crypto parses
// certificates but cannot make them.
const len = (n: number): Buffer => {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
};
const tlv = (tag: number, ...content: Buffer[]): Buffer => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), len(body.length), body]);
};
const seq = (...c: Buffer[]) => tlv(0x30, ...c);
const set = (...c: Buffer[]) => tlv(0x31, ...c);
const oid = (dotted: string): Buffer => {
  const [a, b, ...rest] = dotted.split(".").map(Number);
  const out = [a! * 40 + b!];
  for (const n of rest) {
    const groups: number[] = [];
    for (let v = n; ; v = Math.floor(v / 128)) {
      groups.unshift((v % 128) | (groups.length ? 0x80 : 0));
      if (v < 128) break;
    }
    out.push(...groups);
  }
  return tlv(0x06, Buffer.from(out));
};
const time = (ms: number): Buffer => {
  const iso = `${new Date(ms).toISOString().replace(/[-:T]/g, "").slice(0, 14)}Z`;
  // UTCTime through 2049, GeneralizedTime after (RFC 5280 section 4.1.2.5).
  return new Date(ms).getUTCFullYear() < 2050
    ? tlv(0x17, Buffer.from(iso.slice(2)))
    : tlv(0x18, Buffer.from(iso));
};
const name = (cn: string, o: string) =>
  seq(
    set(seq(oid("2.5.4.10"), tlv(0x0c, Buffer.from(o)))),
    set(seq(oid("2.5.4.3"), tlv(0x0c, Buffer.from(cn)))),
  );
const SHA256_WITH_RSA = seq(oid("1.2.840.113549.1.1.11"), Buffer.from([0x05, 0x00]));
const tenYearsAfter = (ms: number): number => {
  const d = new Date(ms);
  d.setUTCFullYear(d.getUTCFullYear() + 10);
  return d.getTime();
};

/**
 * The pool's signing certificate: self-signed with the pool's RS256 key, valid for 10 years from
 * the key's creation (as Cognito's: API reference, GetSigningCertificate). The same key and time
 * always give the same certificate, so nothing more is stored. Returns base64 DER.
 */
export function signingCertificate(key: SigningKeyRecord): string {
  const privateKey = createPrivateKey({ key: key.privateJwk as JsonWebKey, format: "jwk" });
  const spki = createPublicKey(privateKey).export({ type: "spki", format: "der" });
  const serial = createHash("sha256").update(key.kid).digest().subarray(0, 16);
  serial[0]! &= 0x7f; // a positive INTEGER
  serial[0]! |= 0x40; // and no leading zero byte
  const subject = name(key.poolId, "cognate");
  const tbs = seq(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))),
    tlv(0x02, serial),
    SHA256_WITH_RSA,
    subject,
    seq(time(key.createdAt), time(tenYearsAfter(key.createdAt))),
    subject,
    spki,
  );
  const signature = sign("sha256", tbs, privateKey);
  return seq(tbs, SHA256_WITH_RSA, tlv(0x03, Buffer.from([0]), signature)).toString("base64");
}

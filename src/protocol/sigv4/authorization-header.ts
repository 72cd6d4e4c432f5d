/** A parsed `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` header. */
export interface ParsedAuthorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

/** Parses a SigV4 Authorization header; returns undefined when it is not well formed. */
export function parseAuthorization(header: string): ParsedAuthorization | undefined {
  const m = /^AWS4-HMAC-SHA256\s+(.*)$/s.exec(header.trim());
  if (!m) return undefined;
  const parts = new Map<string, string>();
  for (const p of m[1]!.split(",")) {
    const i = p.indexOf("=");
    if (i > 0) parts.set(p.slice(0, i).trim(), p.slice(i + 1).trim());
  }
  const credential = parts.get("Credential")?.split("/");
  const signedHeaders = parts.get("SignedHeaders");
  const signature = parts.get("Signature");
  if (credential?.length !== 5 || credential[4] !== "aws4_request" || !signedHeaders || !signature)
    return undefined;
  const [accessKeyId, date, region, service] = credential as [string, string, string, string];
  if (!/^[0-9a-f]{64}$/.test(signature)) return undefined;
  return {
    accessKeyId,
    date,
    region,
    service,
    signedHeaders: signedHeaders.toLowerCase().split(";"),
    signature,
  };
}

/** Parses `20150830T123600Z` into a Date. */
export function parseAmzDate(s: string | undefined): Date | undefined {
  const m = s && /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) return undefined;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

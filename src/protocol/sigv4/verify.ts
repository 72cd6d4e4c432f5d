import { createHash, timingSafeEqual } from "node:crypto";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { ServiceError } from "../aws-json/errors.ts";
import { parseAmzDate, parseAuthorization } from "./authorization-header.ts";
import { NodeSha256 } from "./sha256.ts";

export interface IncomingSignedRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: Uint8Array;
}

/**
 * Verifies an AWS Signature Version 4 by recomputing it with @smithy/signature-v4
 * over exactly the headers the client signed. Returns the access key id.
 * Errors are those the AWS front end returns.
 */
export async function verifySigV4(
  req: IncomingSignedRequest,
  secretFor: (accessKeyId: string) => string | undefined,
  now: Date,
  maxSkewSeconds: number,
): Promise<string> {
  const header = req.headers.get("authorization");
  if (!header) throw new ServiceError("MissingAuthenticationTokenException", "Missing Authentication Token");
  const auth = parseAuthorization(header);
  if (!auth) {
    throw new ServiceError(
      "IncompleteSignatureException",
      "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters in the AWS4-HMAC-SHA256 format.",
    );
  }
  const secret = secretFor(auth.accessKeyId);
  if (secret === undefined)
    throw new ServiceError(
      "UnrecognizedClientException",
      "The security token included in the request is invalid.",
    );
  const amzDate = req.headers.get("x-amz-date") ?? undefined;
  const signingDate = parseAmzDate(amzDate);
  if (!signingDate || !amzDate!.startsWith(auth.date)) {
    throw new ServiceError(
      "IncompleteSignatureException",
      "Date must be in ISO-8601 'basic format'. Got no valid X-Amz-Date header.",
    );
  }
  const skew = Math.abs(now.getTime() - signingDate.getTime()) / 1000;
  if (skew > maxSkewSeconds) {
    throw new ServiceError(
      "InvalidSignatureException",
      `Signature expired: ${amzDate} is now earlier than ${fmt(new Date(now.getTime() - maxSkewSeconds * 1000))} (${fmt(now)} - ${Math.round(maxSkewSeconds / 60)} min.)`,
    );
  }
  // What the request does must be signed: the host and, on the JSON APIs, the operation (X-Amz-Target),
  // so a captured request cannot be replayed as another operation.
  for (const name of ["host", ...(req.headers.has("x-amz-target") ? ["x-amz-target"] : [])]) {
    if (!auth.signedHeaders.includes(name)) {
      throw new ServiceError("InvalidSignatureException", `'${name}' must be a signed header.`);
    }
  }
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const v = req.headers.get(name);
    if (v === null) throw new ServiceError("InvalidSignatureException", signatureMismatch);
    headers[name] = v;
  }
  // The signature must cover the body received: a signed x-amz-content-sha256 is replaced by the
  // body's real hash, or the signer would trust the hash the client declares.
  if (headers["x-amz-content-sha256"] !== undefined) {
    headers["x-amz-content-sha256"] = createHash("sha256").update(req.body).digest("hex");
  }
  const query: Record<string, string> = {};
  for (const [k, v] of req.url.searchParams) query[k] = v;
  const request = new HttpRequest({
    method: req.method,
    protocol: req.url.protocol,
    hostname: req.url.hostname,
    path: req.url.pathname,
    query,
    headers,
    body: req.body,
  });
  const sessionToken = headers["x-amz-security-token"];
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: auth.accessKeyId,
      secretAccessKey: secret,
      ...(sessionToken ? { sessionToken } : {}),
    },
    region: auth.region,
    service: auth.service,
    sha256: NodeSha256,
    uriEscapePath: true,
    // Add no x-amz-content-sha256 of our own: sign exactly the headers the client signed.
    applyChecksum: false,
  });
  const signed = await signer.sign(request, {
    signingDate,
    signableHeaders: new Set(auth.signedHeaders),
  });
  const computed = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization))?.[1] ?? "";
  const a = Buffer.from(computed);
  const b = Buffer.from(auth.signature);
  if (a.length !== b.length || !timingSafeEqual(a, b))
    throw new ServiceError("InvalidSignatureException", signatureMismatch);
  return auth.accessKeyId;
}

const signatureMismatch =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
const fmt = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

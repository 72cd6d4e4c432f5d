import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { NodeSha256 as Sha256 } from "../../src/protocol/sigv4/sha256.ts";
import type { rawCall } from "../support/server.ts";

/** What rawCall answers: status, headers and the parsed JSON body. */
export type Reply = Awaited<ReturnType<typeof rawCall>>;

export interface SignOptions {
  accessKeyId: string;
  secretAccessKey: string;
  /** The X-Amz-Date to sign with (default: now). */
  signingDate?: Date;
  /** Extra headers, signed too (e.g. another content-type). */
  headers?: Record<string, string>;
  /** Replaces the body after signing, to show the signature covers it. */
  sendBody?: string;
  /** Sign without an x-amz-content-sha256 header (the verifier then hashes the body itself). */
  noContentHash?: boolean;
}

/**
 * POSTs an AWS JSON 1.1 request signed with SigV4 exactly as an AWS SDK signs it
 * (service cognito-idp, region us-east-1), so a test can vary one part of it.
 */
export async function signedCall(
  url: string,
  target: string,
  body: unknown,
  opts: SignOptions,
): Promise<Reply> {
  const u = new URL(url);
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const request = new HttpRequest({
    method: "POST",
    protocol: u.protocol,
    hostname: u.hostname,
    port: Number(u.port),
    path: "/",
    headers: {
      host: u.host,
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": target,
      ...opts.headers,
    },
    body: text,
  });
  const signer = new SignatureV4({
    credentials: { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey },
    region: "us-east-1",
    service: "cognito-idp",
    sha256: Sha256,
    applyChecksum: !opts.noContentHash,
  });
  const signed = await signer.sign(request, opts.signingDate ? { signingDate: opts.signingDate } : {});
  const headers = { ...signed.headers };
  delete headers.host;
  const res = await fetch(url, { method: "POST", headers, body: opts.sendBody ?? text });
  const resText = await res.text();
  return { status: res.status, headers: res.headers, json: resText ? JSON.parse(resText) : {} };
}

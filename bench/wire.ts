import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { NodeSha256 } from "../src/protocol/sigv4/sha256.ts";

/** One ready-to-send request: headers (host included) and the JSON body. */
export interface WireRequest {
  headers: Record<string, string>;
  body: Buffer;
}

export interface AccessKey {
  accessKeyId: string;
  secretAccessKey: string;
}

/** Builds AWS JSON 1.1 requests for the User Pools API against one server. */
export class RequestBuilder {
  readonly host: string;
  readonly #signer: SignatureV4 | undefined;
  constructor(
    readonly url: string,
    key?: AccessKey,
    readonly region = "us-east-1",
  ) {
    this.host = new URL(url).host;
    this.#signer = key
      ? new SignatureV4({
          credentials: key,
          region,
          service: "cognito-idp",
          sha256: NodeSha256,
          uriEscapePath: true,
        })
      : undefined;
  }

  /** A public (unsigned) request, as a browser or mobile app sends it. */
  plain(op: string, input: unknown): WireRequest {
    return {
      headers: {
        host: this.host,
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": `AWSCognitoIdentityProviderService.${op}`,
      },
      body: Buffer.from(JSON.stringify(input)),
    };
  }

  /** A SigV4-signed (IAM) request, signed now; valid for the server's allowed skew (5 minutes). */
  async signed(op: string, input: unknown): Promise<WireRequest> {
    if (!this.#signer) throw new Error("no access key to sign with");
    const req = this.plain(op, input);
    const u = new URL(this.url);
    const signed = await this.#signer.sign(
      new HttpRequest({
        method: "POST",
        protocol: u.protocol,
        hostname: u.hostname,
        port: Number(u.port),
        path: "/",
        headers: req.headers,
        body: req.body,
      }),
    );
    return { headers: signed.headers as Record<string, string>, body: req.body };
  }
}

/** Sends one request with fetch (setup only; the load generator uses node:http). Throws on an AWS error. */
export async function call<T = Record<string, unknown>>(url: string, req: WireRequest): Promise<T> {
  const { host: _host, ...headers } = req.headers;
  const send = () => fetch(url, { method: "POST", headers, body: new Uint8Array(req.body) });
  // A pooled keep-alive socket may have been closed by the server while idle (e.g. during
  // seeding); fetch does not retry a POST, so try once more on a fresh socket.
  const res = await send().catch((e: Error & { cause?: { code?: string } }) => {
    if (e.cause?.code === "UND_ERR_SOCKET") return send();
    throw e;
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : {};
  if (res.status !== 200)
    throw new Error(
      `${req.headers["x-amz-target"]}: HTTP ${res.status} ${json.__type ?? ""} ${json.message ?? text}`,
    );
  return json as T;
}

import type { IncomingMessage, ServerResponse } from "node:http";
import type { RawRequest, RawResponse } from "../protocol/aws-json/dispatch.ts";

/** Largest AWS JSON request body accepted (Cognito's requests are a few KiB). */
const MAX_BODY = 1024 * 1024;
const EXPOSED = "x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage, Date";

/**
 * `POST /` straight on node:http: the AWS JSON APIs are the hot path, so they skip the
 * Fetch Request/Response round trip the other surfaces go through (bench/README.md, "floor").
 */
export function apiListener(dispatch: (req: RawRequest) => Promise<RawResponse>) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) tooLarge = true;
      else chunks.push(c);
    });
    req.on("error", () => res.destroy());
    req.on("end", () => {
      const origin = req.headers.origin;
      const cors: Record<string, string> = origin
        ? { "access-control-allow-origin": origin, "access-control-expose-headers": EXPOSED, vary: "Origin" }
        : {};
      if (tooLarge) {
        const body = JSON.stringify({
          __type: "SerializationException",
          message: "The request body is too large.",
        });
        res.writeHead(413, { "content-type": "application/x-amz-json-1.1", ...cors }).end(body);
        return;
      }
      dispatch(rawRequest(req, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks))).then(
        (r) => {
          // A length, as AWS sends it, rather than chunked encoding: one write, nothing to reassemble.
          const body = Buffer.from(r.body);
          res.writeHead(r.status, { ...r.headers, ...cors, "content-length": String(body.length) }).end(body);
        },
        () =>
          res
            .writeHead(500, { "content-type": "application/x-amz-json-1.1" })
            .end('{"__type":"InternalErrorException","message":"An internal error occurred."}'),
      );
    });
  };
}

/**
 * The dispatcher's view of a request. The URL and a Fetch `Headers` copy are built only when
 * asked for (SigV4 needs them; public and token-authorised calls read one header).
 */
function rawRequest(req: IncomingMessage, body: Buffer): RawRequest {
  let url: URL | undefined;
  let headers: Headers | undefined;
  const header = (name: string): string | null => {
    const v = req.headers[name];
    return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
  };
  return {
    method: "POST",
    get url() {
      url ??= new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
      return url;
    },
    get headers() {
      if (!headers) {
        headers = new Headers();
        for (const k of Object.keys(req.headers)) {
          const v = header(k);
          if (v !== null) headers.set(k, v);
        }
      }
      return headers;
    },
    header,
    body,
    sourceIp: req.socket.remoteAddress ?? "unknown",
  };
}

import { createHash, createHmac } from "node:crypto";
import type { Checksum, SourceData } from "@smithy/types";

const toBuffer = (d: SourceData): Buffer =>
  typeof d === "string"
    ? Buffer.from(d, "utf8")
    : ArrayBuffer.isView(d)
      ? Buffer.from(d.buffer, d.byteOffset, d.byteLength)
      : Buffer.from(d);

/**
 * SHA-256 (and HMAC-SHA-256 when given a secret) from node:crypto, in the shape
 * @smithy/signature-v4 expects for its `sha256` option.
 *
 * @example
 * new SignatureV4({ credentials, region, service: "cognito-idp", sha256: NodeSha256 });
 */
export class NodeSha256 implements Checksum {
  #h;
  constructor(private readonly secret?: SourceData) {
    this.#h = this.make();
  }
  private make() {
    return this.secret === undefined ? createHash("sha256") : createHmac("sha256", toBuffer(this.secret));
  }
  update(data: Uint8Array | string): void {
    this.#h.update(toBuffer(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#h.digest());
  }
  reset(): void {
    this.#h = this.make();
  }
}

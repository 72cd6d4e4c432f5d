/**
 * AWS JSON 1.1 output: Dates as epoch seconds, undefined members omitted,
 * Uint8Array as base64.
 */
export function serializeOutput(output: unknown): string {
  return JSON.stringify(output ?? {}, function (this: Record<string, unknown>, key, value) {
    const original = this[key];
    if (original instanceof Date) return original.getTime() / 1000;
    if (original instanceof Uint8Array) return Buffer.from(original).toString("base64");
    return value;
  });
}

import { ServiceError } from "../../protocol/aws-json/errors.ts";

/**
 * Opaque pagination tokens (NextToken / PaginationToken): the storage key to continue after,
 * wrapped so that callers cannot read or build one. Any value that does not decode is refused.
 *
 * @example
 * const after = decodePageToken(input.NextToken);
 * const page = await ctx.store.groups.list(pool.id, 60, after);
 * return { Groups: page.items.map(toGroupType), NextToken: encodePageToken(page.next) };
 */
export function encodePageToken(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  return Buffer.from(JSON.stringify({ v: 1, after: key }), "utf8").toString("base64url");
}

/** The key a token carries; undefined for no token. Throws InvalidParameterException for a token cognate did not issue. */
export function decodePageToken(token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as {
      v?: unknown;
      after?: unknown;
    };
    if (parsed.v === 1 && typeof parsed.after === "string") return parsed.after;
  } catch {
    // falls through to the error below
  }
  throw new ServiceError("InvalidParameterException", "Invalid pagination token.");
}

/** A request's Limit, or `fallback` when it is absent or 0 (the models allow 0 and Cognito then uses its default). */
export const pageLimit = (limit: number | undefined, fallback: number): number => (limit ? limit : fallback);

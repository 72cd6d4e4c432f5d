import type { ListUsersRequest, ListUsersResponse } from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { requirePool } from "../../domain/pools.ts";
import { toUserType } from "../../domain/users.ts";
import { defineOperation, type OperationContext } from "../../operation.ts";
import { parseUserFilter } from "./list-users-filter.ts";

/** ListUsers returns at most 60 users a page, and 60 when Limit is not given (API reference, ListUsers). */
const MAX_LIMIT = 60;

export default defineOperation<ListUsersRequest, ListUsersResponse>("ListUsers", {
  auth: "iam",
  async handle(input, ctx) {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const filter = parseUserFilter(input.Filter);
    const after =
      input.PaginationToken === undefined ? undefined : decodeToken(ctx, pool.id, input.PaginationToken);
    const page = await ctx.store.users.list(pool.id, {
      limit: input.Limit || MAX_LIMIT,
      ...(after !== undefined ? { after } : {}),
      ...(filter ? { filter } : {}),
    });
    return {
      Users: page.items.map((u) => toUserType(u, input.AttributesToGet)),
      ...(page.next !== undefined ? { PaginationToken: encodeToken(pool.id, page.next) } : {}),
    };
  },
});

/** The token is opaque to callers: the pool and the position, base64url-encoded. */
function encodeToken(poolId: string, next: string): string {
  return Buffer.from(JSON.stringify({ p: poolId, n: next }), "utf8").toString("base64url");
}

function decodeToken(ctx: Pick<OperationContext, "requestId">, poolId: string, token: string): string {
  let next: unknown;
  try {
    const v = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { p?: unknown; n?: unknown };
    if (v.p === poolId) next = v.n;
  } catch {
    next = undefined;
  }
  if (typeof next !== "string" || next === "" || encodeToken(poolId, next) !== token) {
    // Cognito's wording for a token it did not issue for this request (aws/aws-sdk-js#3705).
    throw new ServiceError(
      "InvalidParameterException",
      `Paging marker ${token} is invalid for request ${ctx.requestId}`,
    );
  }
  return next;
}

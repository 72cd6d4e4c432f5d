import type { PoolRecord, UserRecord } from "../../../storage/records.ts";
import type { AccessTokenClaims, OperationContext } from "../../operation.ts";

/**
 * The signed-in user of an `auth: "access-token"` operation, as the dispatcher established it.
 *
 * @example
 * const { user, pool } = signedIn(ctx);
 */
export function signedIn(ctx: OperationContext): {
  user: UserRecord;
  pool: PoolRecord;
  claims: AccessTokenClaims;
} {
  if (ctx.caller.kind !== "access-token")
    throw new Error("an access-token operation ran without a token caller");
  return ctx.caller;
}

import type {
  DeleteUserAttributesRequest,
  DeleteUserAttributesResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { requireClient } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";
import { checkDeletable } from "./attribute-deletion.ts";
import { signedIn } from "./caller.ts";
import { VERIFIABLE } from "./verification.ts";

/** Deletes attributes of the signed-in user; required, immutable and unwritable ones are refused. */
export default defineOperation<DeleteUserAttributesRequest, DeleteUserAttributesResponse>(
  "DeleteUserAttributes",
  {
    auth: "access-token",
    async handle(input, ctx) {
      const { user, pool, claims } = signedIn(ctx);
      const client = await requireClient(ctx, claims.client_id, pool.id);
      const names = checkDeletable(pool, client, input.UserAttributeNames ?? []);
      const now = ctx.clock.nowMs();
      await ctx.store.transaction(async (tx) => {
        await tx.users.deleteAttributes(user.id, names, now);
        // A code sent to a deleted address (or a pending new one) must not verify anything later.
        for (const a of VERIFIABLE) if (names.includes(a)) await tx.codes.delete(user.id, `verify:${a}`);
      });
      return {};
    },
  },
);

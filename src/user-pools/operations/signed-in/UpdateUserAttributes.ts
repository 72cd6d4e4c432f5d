import type {
  UpdateUserAttributesRequest,
  UpdateUserAttributesResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { checkAttributes } from "../../domain/attributes.ts";
import { poolConfig, requireClient } from "../../domain/pools.ts";
import { fromAttributeList } from "../../domain/users.ts";
import { defineOperation } from "../../operation.ts";
import { checkDeletable } from "./attribute-deletion.ts";
import { signedIn } from "./caller.ts";
import {
  applyAttributeUpdate,
  assertAddressFree,
  VERIFIABLE,
  type Verifiable,
  type VerificationTarget,
  verifiesBeforeUpdate,
} from "./verification.ts";

/**
 * Updates the signed-in user's attributes, within what the app client may write. A new email
 * or phone number becomes unverified and, in pools that auto-verify it, receives a code. With
 * AttributesRequireVerificationBeforeUpdate the old value stays (and keeps working for sign-in
 * and messages) until the user verifies the new one (API reference, UpdateUserAttributes;
 * developer guide, "Verifying updates to email addresses and phone numbers").
 */
export default defineOperation<UpdateUserAttributesRequest, UpdateUserAttributesResponse>(
  "UpdateUserAttributes",
  {
    auth: "access-token",
    async handle(input, ctx) {
      const { user, pool, claims } = signedIn(ctx);
      const client = await requireClient(ctx, claims.client_id, pool.id);
      const attrs = fromAttributeList(input.UserAttributes);
      // A blank value deletes the attribute (API reference, AdminUpdateUserAttributes).
      const values = Object.fromEntries(Object.entries(attrs).filter(([, v]) => v !== ""));
      checkAttributes(pool, values, { mode: "update", client });
      const deletes = checkDeletable(
        pool,
        client,
        Object.keys(attrs).filter((n) => attrs[n] === ""),
      );

      const sets: Record<string, string> = { ...values };
      const toVerify: [Verifiable, VerificationTarget][] = [];
      const staleCodes: Verifiable[] = [];
      const autoVerified = poolConfig(pool).AutoVerifiedAttributes ?? [];
      for (const a of VERIFIABLE) {
        const value = values[a];
        if (deletes.includes(a)) staleCodes.push(a);
        if (value === undefined || value === user.attributes[a]) continue;
        if (verifiesBeforeUpdate(pool, a)) {
          delete sets[a];
          await assertAddressFree(ctx, pool, user.id, a, value, true);
          toVerify.push([a, { value, pending: true }]);
          continue;
        }
        sets[`${a}_verified`] = "false";
        await assertAddressFree(ctx, pool, user.id, a, value, false);
        if (autoVerified.includes(a)) toVerify.push([a, { value, pending: false }]);
        else staleCodes.push(a);
      }

      const details = await applyAttributeUpdate(ctx, pool, user, { sets, deletes, staleCodes, toVerify });
      return details.length > 0 ? { CodeDeliveryDetailsList: details } : {};
    },
  },
);

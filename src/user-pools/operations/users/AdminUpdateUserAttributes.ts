import type {
  AdminUpdateUserAttributesRequest,
  AdminUpdateUserAttributesResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { checkAttributes } from "../../domain/attributes.ts";
import { poolConfig, requirePool } from "../../domain/pools.ts";
import { fromAttributeList, requireUser } from "../../domain/users.ts";
import { defineOperation } from "../../operation.ts";
import {
  applyAttributeUpdate,
  assertAddressFree,
  VERIFIABLE,
  type Verifiable,
  type VerificationTarget,
  verifiesBeforeUpdate,
} from "../signed-in/verification.ts";
import { adminDeletableAttributes } from "./deletable-attributes.ts";

/**
 * Sets attributes, as an administrator: any schema attribute, `email_verified` and
 * `phone_number_verified` included; a blank value deletes the attribute. A changed email or
 * phone number becomes unverified unless the same call marks it verified; in pools that
 * auto-verify it, the new address receives a code, and with AttributesRequireVerificationBeforeUpdate
 * the old value stays until the user verifies (API reference, AdminUpdateUserAttributes and
 * UserAttributeUpdateSettingsType).
 */
export default defineOperation<AdminUpdateUserAttributesRequest, AdminUpdateUserAttributesResponse>(
  "AdminUpdateUserAttributes",
  {
    auth: "iam",
    async handle(input, ctx) {
      const pool = await requirePool(ctx, input.UserPoolId!);
      const user = await requireUser(ctx, pool, input.Username!);
      const attrs = fromAttributeList(input.UserAttributes);
      const values = Object.fromEntries(Object.entries(attrs).filter(([, v]) => v !== ""));
      checkAttributes(pool, values, { mode: "update", admin: true });
      const deletes = adminDeletableAttributes(
        pool,
        Object.keys(attrs).filter((n) => attrs[n] === ""),
      );

      const sets: Record<string, string> = { ...values };
      const toVerify: [Verifiable, VerificationTarget][] = [];
      const staleCodes: Verifiable[] = [];
      const autoVerified = poolConfig(pool).AutoVerifiedAttributes ?? [];
      for (const a of VERIFIABLE) {
        const flag = `${a}_verified`;
        if (deletes.includes(a)) staleCodes.push(a);
        const value = values[a];
        if (value === undefined || value === user.attributes[a]) {
          // Marking the current address verified may collide with another user's alias.
          const current = user.attributes[a];
          if (sets[flag] === "true" && current && !deletes.includes(a))
            await assertAddressFree(ctx, pool, user.id, a, current, true);
          continue;
        }
        // A code sent to the old address must not vouch for the new one.
        staleCodes.push(a);
        if (sets[flag] === "true") {
          await assertAddressFree(ctx, pool, user.id, a, value, true);
          continue;
        }
        if (verifiesBeforeUpdate(pool, a)) {
          delete sets[a];
          await assertAddressFree(ctx, pool, user.id, a, value, true);
          toVerify.push([a, { value, pending: true }]);
          continue;
        }
        sets[flag] = "false";
        await assertAddressFree(ctx, pool, user.id, a, value, false);
        if (autoVerified.includes(a)) toVerify.push([a, { value, pending: false }]);
      }

      // AdminUpdateUserAttributes answers nothing about the codes it sends (API reference).
      await applyAttributeUpdate(ctx, pool, user, { sets, deletes, staleCodes, toVerify });
      return {};
    },
  },
);

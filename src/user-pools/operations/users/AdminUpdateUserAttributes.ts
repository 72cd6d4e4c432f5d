import type {
  AdminUpdateUserAttributesRequest,
  AdminUpdateUserAttributesResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import type { PoolRecord, UserRecord } from "../../../storage/records.ts";
import { checkAttributes } from "../../domain/attributes.ts";
import { issueCode, sendCode } from "../../domain/codes.ts";
import { verificationMessage } from "../../domain/messages.ts";
import { poolConfig, requirePool } from "../../domain/pools.ts";
import { fromAttributeList, requireUser } from "../../domain/users.ts";
import { defineOperation, type OperationContext } from "../../operation.ts";

const VERIFIABLE = ["email", "phone_number"] as const;
type Verifiable = (typeof VERIFIABLE)[number];

/**
 * Sets attributes, and may mark email/phone verified. A changed email or phone number
 * becomes unverified unless the same call sets its `_verified` flag; in pools that
 * auto-verify it, the new address receives a verification code (API reference,
 * AdminUpdateUserAttributes; developer guide, "Verifying updates to email addresses and phone numbers").
 */
export default defineOperation<AdminUpdateUserAttributesRequest, AdminUpdateUserAttributesResponse>(
  "AdminUpdateUserAttributes",
  {
    auth: "iam",
    async handle(input, ctx) {
      const pool = await requirePool(ctx, input.UserPoolId!);
      const user = await requireUser(ctx, pool, input.Username!);
      const attrs = fromAttributeList(input.UserAttributes);
      checkAttributes(pool, attrs, { mode: "update", admin: true });

      const changes = { ...attrs };
      const toVerify: Verifiable[] = [];
      for (const a of VERIFIABLE) {
        if (!(a in attrs) || attrs[a] === user.attributes[a]) continue;
        changes[`${a}_verified`] ??= "false";
        if (
          attrs[a] &&
          changes[`${a}_verified`] !== "true" &&
          poolConfig(pool).AutoVerifiedAttributes?.includes(a)
        )
          toVerify.push(a);
      }
      const updated: UserRecord = { ...user, attributes: { ...user.attributes, ...changes } };
      await assertAliasesFree(ctx, pool, updated, changes);

      const now = ctx.clock.nowMs();
      const codes = await ctx.store.transaction(async (tx) => {
        await tx.users.setAttributes(user, changes, now);
        const issued: [Verifiable, string][] = [];
        for (const a of toVerify)
          issued.push([a, await issueCode({ ...ctx, store: tx }, updated, `verify:${a}`)]);
        return issued;
      });
      for (const [a, code] of codes) {
        const dest = {
          medium: a === "email" ? "EMAIL" : "SMS",
          attribute: a,
          address: updated.attributes[a]!,
        } as const;
        await sendCode(ctx, pool, updated, dest, verificationMessage(pool, updated, code));
      }
      return {};
    },
  },
);

/**
 * Refuses an email or phone another user already signs in with: any holder when it is a
 * username attribute, a verified holder when it is an alias (and this user's copy is verified too).
 */
async function assertAliasesFree(
  ctx: OperationContext,
  pool: PoolRecord,
  updated: UserRecord,
  changes: Record<string, string>,
) {
  const cfg = poolConfig(pool);
  for (const a of VERIFIABLE) {
    const value = updated.attributes[a];
    if (!value || !(a in changes || `${a}_verified` in changes)) continue;
    const asUsername = cfg.UsernameAttributes?.includes(a) ?? false;
    const asAlias =
      (cfg.AliasAttributes?.includes(a) ?? false) && updated.attributes[`${a}_verified`] === "true";
    if (!asUsername && !asAlias) continue;
    const others = (await ctx.store.users.findByAttribute(pool.id, a, value)).filter(
      (u) => u.id !== updated.id,
    );
    if (others.some((u) => asUsername || u.attributes[`${a}_verified`] === "true")) {
      throw new ServiceError("AliasExistsException", `An account with the given ${a} already exists.`);
    }
  }
}

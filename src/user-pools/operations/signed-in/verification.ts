import type { CodeDeliveryDetailsType } from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import type { PoolRecord, UserRecord } from "../../../storage/records.ts";
import { issueCode, sendCode } from "../../domain/codes.ts";
import { verificationMessage } from "../../domain/messages.ts";
import { addressUniqueness } from "../../domain/new-user.ts";
import { poolConfig } from "../../domain/pools.ts";
import type { OperationContext } from "../../operation.ts";

/** The attributes Cognito verifies with a code. */
export const VERIFIABLE = ["email", "phone_number"] as const;
export type Verifiable = (typeof VERIFIABLE)[number];

export function requireVerifiable(name: string): Verifiable {
  if (!(VERIFIABLE as readonly string[]).includes(name)) {
    throw new ServiceError(
      "InvalidParameterException",
      "Invalid attribute name. Only phone_number and email can be verified.",
    );
  }
  return name as Verifiable;
}

/**
 * What a `verify:<attribute>` code vouches for, kept in the code's `data`: the address it was
 * sent to, and whether that address is a pending update (AttributesRequireVerificationBeforeUpdate)
 * to apply once verified. Binding the address means a code stops working when the value changes.
 */
export interface VerificationTarget {
  value: string;
  pending: boolean;
}

export function readTarget(data: string | null | undefined): VerificationTarget | undefined {
  if (!data) return undefined;
  try {
    const v = JSON.parse(data) as Partial<VerificationTarget>;
    if (typeof v.value === "string") return { value: v.value, pending: v.pending === true };
  } catch {
    // Codes issued elsewhere (AdminUpdateUserAttributes) carry no target: they vouch for the current value.
  }
  return undefined;
}

export const issueVerificationCode = (
  ctx: OperationContext,
  user: UserRecord,
  attr: Verifiable,
  target: VerificationTarget,
) => issueCode(ctx, user, `verify:${attr}`, JSON.stringify(target));

/** Sends the pool's verification message with `code` to `address`. */
export function sendVerificationCode(
  ctx: OperationContext,
  pool: PoolRecord,
  user: UserRecord,
  attr: Verifiable,
  address: string,
  code: string,
): Promise<CodeDeliveryDetailsType> {
  const dest = { medium: attr === "email" ? "EMAIL" : "SMS", attribute: attr, address } as const;
  return sendCode(ctx, pool, user, dest, verificationMessage(pool, user, code));
}

/** True when the pool keeps the old value of `attr` until the new one is verified. */
export function verifiesBeforeUpdate(pool: PoolRecord, attr: Verifiable): boolean {
  const cfg = poolConfig(pool);
  // The setting only takes effect for auto-verified attributes (API reference, UserAttributeUpdateSettingsType).
  return (
    (cfg.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate ?? []).includes(attr) &&
    (cfg.AutoVerifiedAttributes ?? []).includes(attr)
  );
}

/**
 * Refuses an address another user already signs in with: any holder when `attr` is a username
 * attribute, a verified holder when it is an alias and this user's copy is (or becomes) verified.
 */
export async function assertAddressFree(
  ctx: OperationContext,
  pool: PoolRecord,
  userId: string,
  attr: Verifiable,
  value: string,
  verified: boolean,
): Promise<void> {
  const cfg = poolConfig(pool);
  const asUsername = cfg.UsernameAttributes?.includes(attr) ?? false;
  const asAlias = verified && (cfg.AliasAttributes?.includes(attr) ?? false);
  if (!asUsername && !asAlias) return;
  const others = (await ctx.store.users.findByAttribute(pool.id, attr, value)).filter((u) => u.id !== userId);
  if (others.some((u) => asUsername || u.attributes[`${attr}_verified`] === "true")) {
    throw new ServiceError("AliasExistsException", `An account with the given ${attr} already exists.`);
  }
}

/** What an attribute update writes, and the verification codes it sends. */
export interface AttributeUpdatePlan {
  sets: Record<string, string>;
  deletes: string[];
  staleCodes: Verifiable[];
  toVerify: [Verifiable, VerificationTarget][];
}

/**
 * Applies an attribute update in one transaction (attributes set and deleted, stale codes dropped,
 * new codes issued), then sends the codes. Shared by UpdateUserAttributes and AdminUpdateUserAttributes.
 */
export async function applyAttributeUpdate(
  ctx: OperationContext,
  pool: PoolRecord,
  user: UserRecord,
  plan: AttributeUpdatePlan,
): Promise<CodeDeliveryDetailsType[]> {
  const now = ctx.clock.nowMs();
  const issued = await ctx.store.transaction(async (tx) => {
    if (Object.keys(plan.sets).length > 0) {
      // assertAddressFree looked before; this is the race-free check, in the write's transaction.
      const taken = await tx.users.setAttributes(user, plan.sets, now, addressUniqueness(pool));
      if (taken)
        throw new ServiceError("AliasExistsException", `An account with the given ${taken} already exists.`);
    }
    if (plan.deletes.length > 0) await tx.users.deleteAttributes(user.id, plan.deletes, now);
    for (const a of plan.staleCodes) await tx.codes.delete(user.id, `verify:${a}`);
    const codes: [Verifiable, string, string][] = [];
    for (const [a, target] of plan.toVerify) {
      codes.push([a, target.value, await issueVerificationCode({ ...ctx, store: tx }, user, a, target)]);
    }
    return codes;
  });
  const updated = { ...user, attributes: { ...user.attributes, ...plan.sets } };
  const details: CodeDeliveryDetailsType[] = [];
  for (const [a, address, code] of issued)
    details.push(await sendVerificationCode(ctx, pool, updated, a, address, code));
  return details;
}

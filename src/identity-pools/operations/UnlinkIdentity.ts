import type { UnlinkIdentityInput } from "@aws-sdk/client-cognito-identity";
import { assertEnabled, assertOwnLogin, loginsDontMatch, requireIdentity } from "../domain/identities.ts";
import { userPoolIdOf, verifyLogins } from "../domain/logins.ts";
import { configuredProvider, poolConfig, requireIdentityPool } from "../domain/pools.ts";
import { defineIdentityOperation } from "../operation.ts";

export default defineIdentityOperation<UnlinkIdentityInput, Record<string, never>>("UnlinkIdentity", {
  auth: "public",
  async handle(input, ctx) {
    const identity = await requireIdentity(ctx, input.IdentityId!);
    const pool = await requireIdentityPool(ctx, identity.poolId);
    assertEnabled(identity);
    // The caller proves it owns the identity with one of its current logins.
    const logins = await verifyLogins(ctx, pool, input.Logins);
    if (logins.length === 0) throw loginsDontMatch();
    await assertOwnLogin(ctx, identity, logins);
    const developer = poolConfig(pool).DeveloperProviderName;
    const remove = new Set(
      input.LoginsToRemove!.map(
        (name) => configuredProvider(pool, name, (n) => userPoolIdOf(n, ctx.services)) ?? name,
      ),
    );
    await ctx.store.transaction(async (tx) => {
      for (const l of (await tx.identityPools.logins(identity.id)).items) {
        // Developer identifiers are unlinked with UnlinkDeveloperIdentity.
        if (remove.has(l.provider) && l.provider !== developer)
          await tx.identityPools.removeLogin(pool.id, l.provider, l.subject);
      }
      await tx.identityPools.updateIdentity(identity.id, {}, ctx.clock.nowMs());
    });
    return {};
  },
});

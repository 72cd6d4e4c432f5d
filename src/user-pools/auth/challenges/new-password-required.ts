import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { checkAttributes } from "../../domain/attributes.ts";
import { passwordFields } from "../../domain/password-set.ts";
import { checkPasswordPolicy } from "../../domain/passwords.ts";
import { poolConfig } from "../../domain/pools.ts";
import { afterPasswordSet } from "../complete.ts";
import { requireParam } from "../flows/types.ts";
import type { Challenge } from "./types.ts";

const invalidSession = () => new ServiceError("NotAuthorizedException", "Invalid session for the user.");

/**
 * NEW_PASSWORD_REQUIRED: NEW_PASSWORD plus `userAttributes.<name>` for required attributes the
 * user lacks; the user becomes CONFIRMED and signs in (developer guide, "Admin-created users").
 */
export const newPasswordRequired: Challenge = {
  challenge: "NEW_PASSWORD_REQUIRED",
  async respond(req, state, user) {
    if (!user || user.status !== "FORCE_CHANGE_PASSWORD") throw invalidSession();
    const password = requireParam(req.params, "NEW_PASSWORD");
    checkPasswordPolicy(poolConfig(req.pool).Policies?.PasswordPolicy, password);
    const attributes: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.params))
      if (k.startsWith("userAttributes.")) attributes[k.slice("userAttributes.".length)] = v;
    checkAttributes(req.pool, attributes, { mode: "update", client: req.client, admin: req.admin });
    for (const s of poolConfig(req.pool).SchemaAttributes ?? []) {
      if (s.Required && s.Name !== "sub" && !user.attributes[s.Name!] && !attributes[s.Name!]) {
        throw new ServiceError("InvalidParameterException", `Invalid attributes given, ${s.Name} is missing`);
      }
    }
    await req.ctx.services.sessions.consume(state);
    const fields = await passwordFields(req.ctx, req.pool, user.username, password);
    const now = req.ctx.clock.nowMs();
    await req.ctx.store.transaction(async (tx) => {
      await tx.users.update(
        user.id,
        { ...fields, status: "CONFIRMED", failedAttempts: 0, lockedUntil: null },
        now,
      );
      if (Object.keys(attributes).length > 0) await tx.users.setAttributes(user, attributes, now);
    });
    const updated = {
      ...user,
      status: "CONFIRMED" as const,
      attributes: { ...user.attributes, ...attributes },
    };
    return afterPasswordSet(req, updated, state.flow);
  },
};

import type { SignUpRequest, SignUpResponse } from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { checkAttributes } from "../../domain/attributes.ts";
import { issueCode, sendCode } from "../../domain/codes.ts";
import { verificationMessage } from "../../domain/messages.ts";
import {
  assertUsernameFree,
  newUserRecord,
  refuseNewUser,
  shapeNewUser,
  signInAttributes,
} from "../../domain/new-user.ts";
import { passwordFields } from "../../domain/password-set.ts";
import { checkPasswordPolicy } from "../../domain/passwords.ts";
import { poolConfig, requireClient, requirePool } from "../../domain/pools.ts";
import { checkSecretHash } from "../../domain/secret-hash.ts";
import { signUpDestination } from "../../domain/self-service.ts";
import { fromAttributeList } from "../../domain/users.ts";
import { defineOperation } from "../../operation.ts";

// ValidationData and ClientMetadata are accepted; they are only for Lambda triggers.
export default defineOperation<SignUpRequest, SignUpResponse>("SignUp", {
  auth: "public",
  async handle(input, ctx) {
    const client = await requireClient(ctx, input.ClientId!);
    const pool = await requirePool(ctx, client.poolId);
    checkSecretHash(client, input.Username!, input.SecretHash);
    const cfg = poolConfig(pool);
    if (cfg.AdminCreateUserConfig?.AllowAdminCreateUserOnly) {
      throw new ServiceError("NotAuthorizedException", "SignUp is not permitted for this user pool");
    }
    if (input.Password !== undefined) checkPasswordPolicy(cfg.Policies?.PasswordPolicy, input.Password);
    else if (
      (cfg.Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? ["PASSWORD"]).every((f) => f === "PASSWORD")
    ) {
      // A user without a password can only sign in when the pool allows passwordless first factors.
      throw new ServiceError("InvalidParameterException", "Password is required.");
    }

    const attributes = fromAttributeList(input.UserAttributes);
    checkAttributes(pool, attributes, { mode: "create", client });
    const shaped = shapeNewUser(ctx, pool, input.Username!, attributes);
    await assertUsernameFree(ctx, pool, shaped.username, shaped.attributes, "User already exists");
    const fields =
      input.Password !== undefined
        ? await passwordFields(ctx, pool, shaped.username, input.Password)
        : undefined;
    const user = {
      ...newUserRecord(ctx, pool, shaped, "UNCONFIRMED", fields?.passwordHash ?? null),
      ...fields,
    };
    const dest = signUpDestination(pool, user);

    const code = await ctx.store.transaction(async (tx) => {
      if (!(await tx.users.create(user, signInAttributes(pool))))
        await refuseNewUser({ store: tx }, pool, shaped.username, shaped.attributes, "User already exists");
      return dest ? issueCode({ ...ctx, store: tx }, user, "signup", dest.attribute) : undefined;
    });
    const out: SignUpResponse = { UserConfirmed: false, UserSub: user.id };
    if (dest && code)
      out.CodeDeliveryDetails = await sendCode(ctx, pool, user, dest, verificationMessage(pool, user, code));
    return out;
  },
});

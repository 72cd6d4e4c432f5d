import type {
  CreateUserPoolRequest,
  CreateUserPoolResponse,
  SchemaAttributeType,
} from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { ALNUM } from "../../../runtime/random.ts";
import { defaultSchema, STANDARD_ATTRIBUTES } from "../../domain/attributes.ts";
import { addCustomAttributes } from "../../domain/custom-attributes.ts";
import { defaultPasswordPolicy } from "../../domain/passwords.ts";
import type { PoolConfig } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";
import { toUserPoolType } from "../../responses.ts";
import { generateSigningKey } from "../../tokens/keys.ts";

export default defineOperation<CreateUserPoolRequest, CreateUserPoolResponse>("CreateUserPool", {
  auth: "iam",
  async handle(input, ctx) {
    const config = buildPoolConfig(input);
    const now = ctx.clock.nowMs();
    // Pool ids are <region>_<9 alphanumerics>, as Cognito issues them.
    const id = `${ctx.config.region}_${ctx.random.string(9, ALNUM)}`;
    const pool = {
      id,
      name: input.PoolName!,
      config: config as Record<string, unknown>,
      createdAt: now,
      updatedAt: now,
    };
    await ctx.store.pools.create(pool, await generateSigningKey(id, now));
    return { UserPool: toUserPoolType(pool, ctx.config.region, 0) };
  },
});

/** Applies Cognito's defaults for a pool created through the API. Shared with UpdateUserPool. */
export function buildPoolConfig(
  input: Omit<CreateUserPoolRequest, "PoolName">,
  base?: PoolConfig,
): PoolConfig {
  if (input.AliasAttributes?.length && input.UsernameAttributes?.length) {
    throw new ServiceError(
      "InvalidParameterException",
      "Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.",
    );
  }
  const policy = { ...defaultPasswordPolicy, ...input.Policies?.PasswordPolicy };
  if (policy.MinimumLength < 6 || policy.MinimumLength > 99) {
    throw new ServiceError(
      "InvalidParameterException",
      "Password policy minimum length must be between 6 and 99.",
    );
  }
  const cfg: PoolConfig = {
    ...base,
    Policies: {
      PasswordPolicy: policy,
      SignInPolicy: {
        AllowedFirstAuthFactors: input.Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? ["PASSWORD"],
      },
    },
    DeletionProtection: input.DeletionProtection ?? base?.DeletionProtection ?? "INACTIVE",
    LambdaConfig: input.LambdaConfig ?? base?.LambdaConfig ?? {},
    SchemaAttributes: base?.SchemaAttributes ?? mergeSchema(input.Schema),
    AutoVerifiedAttributes: input.AutoVerifiedAttributes ?? base?.AutoVerifiedAttributes ?? [],
    VerificationMessageTemplate: {
      DefaultEmailOption: "CONFIRM_WITH_CODE",
      ...(input.EmailVerificationMessage ? { EmailMessage: input.EmailVerificationMessage } : {}),
      ...(input.EmailVerificationSubject ? { EmailSubject: input.EmailVerificationSubject } : {}),
      ...(input.SmsVerificationMessage ? { SmsMessage: input.SmsVerificationMessage } : {}),
      ...(input.VerificationMessageTemplate ?? base?.VerificationMessageTemplate),
    },
    UserAttributeUpdateSettings: input.UserAttributeUpdateSettings ??
      base?.UserAttributeUpdateSettings ?? { AttributesRequireVerificationBeforeUpdate: [] },
    MfaConfiguration: input.MfaConfiguration ?? base?.MfaConfiguration ?? "OFF",
    EmailConfiguration: input.EmailConfiguration ??
      base?.EmailConfiguration ?? { EmailSendingAccount: "COGNITO_DEFAULT" },
    UserPoolTags: input.UserPoolTags ?? base?.UserPoolTags ?? {},
    AdminCreateUserConfig: {
      AllowAdminCreateUserOnly: false,
      UnusedAccountValidityDays: policy.TemporaryPasswordValidityDays,
      ...input.AdminCreateUserConfig,
    },
    AccountRecoverySetting: input.AccountRecoverySetting ??
      base?.AccountRecoverySetting ?? {
        RecoveryMechanisms: [
          { Name: "verified_email", Priority: 1 },
          { Name: "verified_phone_number", Priority: 2 },
        ],
      },
    UserPoolTier: input.UserPoolTier ?? base?.UserPoolTier ?? "ESSENTIALS",
  };
  const optional = [
    "AliasAttributes",
    "UsernameAttributes",
    "UsernameConfiguration",
    "SmsAuthenticationMessage",
    "SmsConfiguration",
    "DeviceConfiguration",
    "UserPoolAddOns",
    "EmailVerificationMessage",
    "EmailVerificationSubject",
    "SmsVerificationMessage",
  ] as const;
  for (const k of optional) if (input[k] !== undefined) (cfg as Record<string, unknown>)[k] = input[k];
  // Cognito's wording, as the AWS CLI shows it (aws/aws-cli#7151).
  const autoVerified = cfg.AutoVerifiedAttributes ?? [];
  if (
    cfg.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate?.some(
      (a) => !autoVerified.includes(a as never),
    )
  ) {
    throw new ServiceError(
      "InvalidParameterException",
      "All attributes in AttributesRequireVerificationBeforeUpdate must exist in AutoVerifiedAttributes",
    );
  }
  return cfg;
}

/** Standard attributes keep their definitions (Required may be set); others become `custom:<name>`. */
function mergeSchema(schema: SchemaAttributeType[] | undefined): SchemaAttributeType[] {
  const out = defaultSchema();
  const custom: SchemaAttributeType[] = [];
  for (const s of schema ?? []) {
    if (!s.Name) continue;
    const std = out.find((o) => o.Name === s.Name);
    if (std && STANDARD_ATTRIBUTES.includes(s.Name as never)) {
      Object.assign(std, { ...s, AttributeDataType: std.AttributeDataType });
      continue;
    }
    custom.push(s);
  }
  return addCustomAttributes(out, custom);
}

import type { GetCSVHeaderRequest, GetCSVHeaderResponse } from "@aws-sdk/client-cognito-identity-provider";
import { poolConfig, requirePool } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";

/**
 * The standard columns of a user-import CSV, in the order Cognito returns them (every
 * standard attribute but `sub`); the pool's custom attributes follow, then
 * `cognito:mfa_enabled` and `cognito:username` (developer guide, "Creating the user
 * import .csv file").
 */
const STANDARD_COLUMNS = [
  "name",
  "given_name",
  "family_name",
  "middle_name",
  "nickname",
  "preferred_username",
  "profile",
  "picture",
  "website",
  "email",
  "email_verified",
  "gender",
  "birthdate",
  "zoneinfo",
  "locale",
  "phone_number",
  "phone_number_verified",
  "address",
  "updated_at",
];

export default defineOperation<GetCSVHeaderRequest, GetCSVHeaderResponse>("GetCSVHeader", {
  auth: "iam",
  async handle(input, ctx) {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const custom = (poolConfig(pool).SchemaAttributes ?? [])
      .map((s) => s.Name!)
      .filter((n) => n.startsWith("custom:"));
    return {
      UserPoolId: pool.id,
      CSVHeader: [...STANDARD_COLUMNS, ...custom, "cognito:mfa_enabled", "cognito:username"],
    };
  },
});

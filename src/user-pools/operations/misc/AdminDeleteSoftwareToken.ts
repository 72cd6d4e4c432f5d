import type {
  AdminDeleteSoftwareTokenRequest,
  AdminDeleteSoftwareTokenResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { cognitoIdpModel } from "../../../protocol/aws-json/generated/cognito-idp.ts";
import { validateInput } from "../../../protocol/aws-json/validate.ts";
import { type MfaState, mfaOf, saveMfa } from "../../auth/mfa/settings.ts";
import { requirePool } from "../../domain/pools.ts";
import { requireUser } from "../../domain/users.ts";
import { defineOperation } from "../../operation.ts";

/**
 * Removes the user's TOTP factor (verified or pending) so that they can register a new one with
 * AssociateSoftwareToken (API reference, AdminDeleteSoftwareToken). A user without a token is
 * left as is: the call succeeds.
 */
export default defineOperation<AdminDeleteSoftwareTokenRequest, AdminDeleteSoftwareTokenResponse>(
  "AdminDeleteSoftwareToken",
  {
    auth: "iam",
    async handle(input, ctx) {
      // The generated model predates this operation; its request has AdminGetUser's members.
      validateInput(cognitoIdpModel, "AdminGetUserRequest", input);
      const pool = await requirePool(ctx, input.UserPoolId!);
      const user = await requireUser(ctx, pool, input.Username!);
      const {
        totpSecret: _s,
        totpPendingSecret: _p,
        totpLastStep: _l,
        totpFriendlyName: _f,
        ...rest
      }: MfaState = mfaOf(user);
      const next: MfaState = {
        ...rest,
        enabled: (rest.enabled ?? []).filter((f) => f !== "SOFTWARE_TOKEN_MFA"),
      };
      if (next.preferred === "SOFTWARE_TOKEN_MFA") delete next.preferred;
      await saveMfa(ctx, user, next);
      return {};
    },
  },
);

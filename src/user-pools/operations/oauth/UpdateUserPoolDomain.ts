import type {
  UpdateUserPoolDomainRequest,
  UpdateUserPoolDomainResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { requirePool } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";
import { cloudFrontDomain } from "./responses.ts";

/**
 * Changes a domain's managed-login version or a custom domain's certificate (API reference,
 * UpdateUserPoolDomain). Members left out keep their values.
 */
export default defineOperation<UpdateUserPoolDomainRequest, UpdateUserPoolDomainResponse>(
  "UpdateUserPoolDomain",
  {
    auth: "iam",
    async handle(input, ctx) {
      await requirePool(ctx, input.UserPoolId!);
      const d = await ctx.store.oauth.getDomain(input.Domain!);
      if (!d || d.poolId !== input.UserPoolId)
        throw new ServiceError("InvalidParameterException", "No such domain or user pool exists.");
      if (input.CustomDomainConfig && !d.custom) {
        throw new ServiceError(
          "InvalidParameterException",
          "CustomDomainConfig applies to custom domains only.",
        );
      }
      const version = input.ManagedLoginVersion ?? d.managedLoginVersion;
      if (version !== 1 && version !== 2)
        throw new ServiceError("InvalidParameterException", "ManagedLoginVersion must be 1 or 2.");
      const updated = {
        ...d,
        certificateArn: input.CustomDomainConfig?.CertificateArn ?? d.certificateArn,
        managedLoginVersion: version,
        updatedAt: ctx.clock.nowMs(),
      };
      await ctx.store.oauth.updateDomain(updated);
      return {
        ...(d.custom ? { CloudFrontDomain: cloudFrontDomain(d.domain) } : {}),
        ManagedLoginVersion: version,
      };
    },
  },
);

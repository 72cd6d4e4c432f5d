import type {
  CreateUserPoolDomainRequest,
  CreateUserPoolDomainResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { requirePool } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";
import { cloudFrontDomain } from "./responses.ts";

/** Prefix domains may not contain these words (Cognito: "Domain cannot contain reserved word: aws"). */
const RESERVED = ["aws", "amazon", "cognito"];

/**
 * Adds a prefix domain (`<prefix>.auth.<region>.amazoncognito.com`) or, with CustomDomainConfig, a
 * custom domain. A pool has at most one of each; a domain belongs to one pool (API reference,
 * CreateUserPoolDomain). ManagedLoginVersion defaults to 1, the classic hosted UI.
 */
export default defineOperation<CreateUserPoolDomainRequest, CreateUserPoolDomainResponse>(
  "CreateUserPoolDomain",
  {
    auth: "iam",
    async handle(input, ctx) {
      const pool = await requirePool(ctx, input.UserPoolId!);
      const domain = input.Domain!;
      const custom = input.CustomDomainConfig !== undefined;
      if (!custom) {
        const word = RESERVED.find((w) => domain.includes(w));
        if (word)
          throw new ServiceError("InvalidParameterException", `Domain cannot contain reserved word: ${word}`);
      } else if (!domain.includes(".")) {
        throw new ServiceError(
          "InvalidParameterException",
          "A custom domain must be a fully-qualified domain name, such as auth.example.com.",
        );
      }
      const version = input.ManagedLoginVersion ?? 1;
      if (version !== 1 && version !== 2)
        throw new ServiceError("InvalidParameterException", "ManagedLoginVersion must be 1 or 2.");
      const existing = await ctx.store.oauth.getDomain(domain);
      if (existing) {
        // Terraform users report this exact message for a domain taken by any pool.
        throw new ServiceError(
          "InvalidParameterException",
          "Domain already associated with another user pool.",
        );
      }
      const now = ctx.clock.nowMs();
      const created = await ctx.store.oauth.createDomain({
        domain,
        poolId: pool.id,
        custom,
        certificateArn: input.CustomDomainConfig?.CertificateArn ?? null,
        managedLoginVersion: version,
        createdAt: now,
        updatedAt: now,
      });
      if (!created) {
        const mine = await ctx.store.oauth.poolDomains(pool.id);
        if (mine.some((d) => d.custom === custom))
          throw new ServiceError("InvalidParameterException", "User pool already has a domain configured.");
        throw new ServiceError(
          "InvalidParameterException",
          "Domain already associated with another user pool.",
        );
      }
      return {
        ...(custom ? { CloudFrontDomain: cloudFrontDomain(domain) } : {}),
        ManagedLoginVersion: version,
      };
    },
  },
);

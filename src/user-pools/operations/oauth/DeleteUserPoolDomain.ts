import type {
  DeleteUserPoolDomainRequest,
  DeleteUserPoolDomainResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import { requirePool } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";

/** Removes a domain; its hosted pages and OAuth endpoints stop answering on that host. */
export default defineOperation<DeleteUserPoolDomainRequest, DeleteUserPoolDomainResponse>(
  "DeleteUserPoolDomain",
  {
    auth: "iam",
    async handle(input, ctx) {
      await requirePool(ctx, input.UserPoolId!);
      const d = await ctx.store.oauth.getDomain(input.Domain!);
      // Cognito's answer for a domain that is not the pool's: "No such domain or user pool exists."
      if (!d || d.poolId !== input.UserPoolId)
        throw new ServiceError("InvalidParameterException", "No such domain or user pool exists.");
      await ctx.store.oauth.deleteDomain(d.domain);
      return {};
    },
  },
);

import type {
  DescribeUserPoolDomainRequest,
  DescribeUserPoolDomainResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../../operation.ts";
import { toDomainDescription } from "./responses.ts";

/** An unknown domain is not an error: Cognito answers an empty DomainDescription (how tools test availability). */
export default defineOperation<DescribeUserPoolDomainRequest, DescribeUserPoolDomainResponse>(
  "DescribeUserPoolDomain",
  {
    auth: "iam",
    async handle(input, ctx) {
      const d = await ctx.store.oauth.getDomain(input.Domain!);
      return { DomainDescription: d ? toDomainDescription(d, ctx.config.region) : {} };
    },
  },
);

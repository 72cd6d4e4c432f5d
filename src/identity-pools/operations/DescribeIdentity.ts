import type { DescribeIdentityInput, IdentityDescription } from "@aws-sdk/client-cognito-identity";
import { requireIdentity, toIdentityDescription } from "../domain/identities.ts";
import { defineIdentityOperation } from "../operation.ts";

export default defineIdentityOperation<DescribeIdentityInput, IdentityDescription>("DescribeIdentity", {
  auth: "iam",
  async handle(input, ctx) {
    return toIdentityDescription(ctx.store, await requireIdentity(ctx, input.IdentityId!));
  },
});

import type {
  GetSigningCertificateRequest,
  GetSigningCertificateResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { requirePool } from "../../domain/pools.ts";
import { defineOperation } from "../../operation.ts";
import { signingCertificate } from "./signing-certificate.ts";

/**
 * The X.509 certificate for SAML 2.0 federation (base64 DER). cognate has no SAML federation;
 * the certificate is made from the pool's oldest signing key so that it stays the same.
 */
export default defineOperation<GetSigningCertificateRequest, GetSigningCertificateResponse>(
  "GetSigningCertificate",
  {
    auth: "iam",
    async handle(input, ctx) {
      const pool = await requirePool(ctx, input.UserPoolId!);
      const [key] = await ctx.store.pools.signingKeys(pool.id);
      if (!key) throw new Error(`pool ${pool.id} has no signing key`);
      return { Certificate: signingCertificate(key) };
    },
  },
);

import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { GetSigningCertificateCommand } from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, startTestServer, type TestServer } from "../support/server.ts";

for (const backend of BACKENDS) {
  describe(backend, () => {
    let t: TestServer;
    before(async () => {
      t = await startTestServer({ backend });
    });
    after(() => t.close());

    // API reference, GetSigningCertificate: an X.509 certificate valid for 10 years.
    test("a self-signed X.509 certificate for the pool, valid 10 years, the same on every call", async () => {
      const { poolId } = await createPoolAndClient(t.idp);
      const { Certificate } = await t.idp.send(new GetSigningCertificateCommand({ UserPoolId: poolId }));
      const cert = new X509Certificate(Buffer.from(Certificate!, "base64"));
      assert.match(cert.subject, new RegExp(`CN=${poolId}`));
      assert.equal(cert.subject, cert.issuer);
      assert.ok(cert.verify(cert.publicKey), "self-signed");
      assert.equal(cert.publicKey.asymmetricKeyType, "rsa");
      const years = (Date.parse(cert.validTo) - Date.parse(cert.validFrom)) / (365.25 * 24 * 3600 * 1000);
      assert.ok(Math.abs(years - 10) < 0.01, `validity ${years} years`);
      assert.ok(Date.parse(cert.validFrom) <= Date.now() && Date.now() < Date.parse(cert.validTo));
      const again = await t.idp.send(new GetSigningCertificateCommand({ UserPoolId: poolId }));
      assert.equal(again.Certificate, Certificate);
      const other = await createPoolAndClient(t.idp);
      const theirs = await t.idp.send(new GetSigningCertificateCommand({ UserPoolId: other.poolId }));
      assert.notEqual(theirs.Certificate, Certificate);
    });

    test("an unknown pool is ResourceNotFoundException", async () => {
      await rejectsWith(
        t.idp.send(new GetSigningCertificateCommand({ UserPoolId: "us-east-1_nopool" })),
        "ResourceNotFoundException",
        "User pool us-east-1_nopool does not exist.",
      );
    });
  });
}

import { timingSafeEqual } from "node:crypto";
import { Hono } from "hono";
import type { DispatchDeps } from "../protocol/aws-json/dispatch.ts";

/** Cognito's limit on a user import file (developer guide, "Importing users into a user pool"). */
const MAX_CSV_BYTES = 100 * 1024 * 1024;

const s3Error = (code: string, message: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;

/**
 * `PUT /_cognate/import/<jobId>?token=…`: the PreSignedUrl of CreateUserImportJob. Takes the CSV
 * the way S3 does (`curl -T users.csv -H "x-amz-server-side-encryption:aws:kms" "<PreSignedUrl>"`);
 * the token is compared in constant time and works once, while the job is still Created.
 */
export function importUploadRoutes(deps: DispatchDeps) {
  const app = new Hono();
  app.put("/_cognate/import/:jobId", async (c) => {
    const denied = () =>
      c.body(s3Error("AccessDenied", "Access Denied"), 403, { "content-type": "application/xml" });
    const job = await deps.store.userImportJobs.get(c.req.param("jobId"));
    const given = Buffer.from(c.req.query("token") ?? "");
    const want = Buffer.from(job?.uploadToken ?? "");
    if (!job || want.length === 0 || want.length !== given.length || !timingSafeEqual(want, given))
      return denied();
    if (Number(c.req.header("content-length") ?? 0) > MAX_CSV_BYTES) {
      return c.body(s3Error("EntityTooLarge", "Your proposed upload exceeds the maximum allowed size"), 400, {
        "content-type": "application/xml",
      });
    }
    const body = new Uint8Array(await c.req.arrayBuffer());
    if (body.length > MAX_CSV_BYTES) {
      return c.body(s3Error("EntityTooLarge", "Your proposed upload exceeds the maximum allowed size"), 400, {
        "content-type": "application/xml",
      });
    }
    if (
      !(await deps.store.userImportJobs.upload(job.id, job.uploadToken!, Buffer.from(body).toString("utf8")))
    )
      return denied();
    return c.body(null, 200);
  });
  return app;
}

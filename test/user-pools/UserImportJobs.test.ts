// User import jobs (API reference: CreateUserImportJob, DescribeUserImportJob, ListUserImportJobs,
// StartUserImportJob, StopUserImportJob; developer guide, "Importing users into a user pool").
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { promisify } from "node:util";
import {
  AdminGetUserCommand,
  ConfirmForgotPasswordCommand,
  CreateUserImportJobCommand,
  DescribeUserImportJobCommand,
  ForgotPasswordCommand,
  GetCSVHeaderCommand,
  InitiateAuthCommand,
  ListUserImportJobsCommand,
  StartUserImportJobCommand,
  StopUserImportJobCommand,
  type UserImportJobType,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPoolAndClient, GOOD_PASSWORD, rejectsWith } from "../support/fixtures.ts";
import { BACKENDS, latestMessage, startTestServer, type TestServer } from "../support/server.ts";

const ROLE = "arn:aws:iam::123456789012:role/CognitoImportRole";

/** Uploads the file exactly as the developer guide does: `curl -v -T users.csv -H "x-amz-server-side-encryption:aws:kms" "<PreSignedUrl>"`. */
async function curlUpload(url: string, csv: string): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), "cognate-import-"));
  const file = join(dir, "users.csv");
  await writeFile(file, csv);
  const { stdout } = await promisify(execFile)("curl", [
    "-sS",
    "-o",
    "/dev/null",
    "-w",
    "%{http_code}",
    "-T",
    file,
    "-H",
    "x-amz-server-side-encryption:aws:kms",
    url,
  ]);
  return Number(stdout);
}

/** One CSV line per user, in the header's column order; missing columns are empty. */
function csvOf(header: string[], users: Record<string, string>[]): string {
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return (
    [header.join(","), ...users.map((u) => header.map((h) => cell(u[h] ?? "")).join(","))].join("\r\n") +
    "\r\n"
  );
}

for (const backend of BACKENDS) {
  describe(`user import jobs (${backend})`, () => {
    let t: TestServer;
    before(async () => {
      t = await startTestServer({ backend });
    });
    after(() => t.close());

    const createJob = async (poolId: string, JobName = "import-test") =>
      (
        await t.idp.send(
          new CreateUserImportJobCommand({ UserPoolId: poolId, JobName, CloudWatchLogsRoleArn: ROLE }),
        )
      ).UserImportJob!;
    const describeJob = async (poolId: string, JobId: string) =>
      (await t.idp.send(new DescribeUserImportJobCommand({ UserPoolId: poolId, JobId }))).UserImportJob!;
    async function waitFor(poolId: string, jobId: string, done: string[]): Promise<UserImportJobType> {
      for (let i = 0; i < 1200; i++) {
        const job = await describeJob(poolId, jobId);
        if (done.includes(job.Status!)) return job;
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.fail(`job ${jobId} did not finish`);
    }

    test("journey: create, PUT the CSV to the PreSignedUrl with curl, start, poll; imported users reset their password and sign in", async () => {
      const { poolId, clientId } = await createPoolAndClient(t.idp);
      const { CSVHeader } = await t.idp.send(new GetCSVHeaderCommand({ UserPoolId: poolId }));
      const job = await createJob(poolId, "first import");
      assert.match(job.JobId!, /^import-[0-9a-zA-Z]+$/);
      assert.equal(job.Status, "Created");
      assert.equal(job.JobName, "first import");
      assert.equal(job.CloudWatchLogsRoleArn, ROLE);
      assert.equal(job.UserPoolId, poolId);
      assert.ok(
        job.PreSignedUrl!.startsWith(`${t.url}/_cognate/import/${job.JobId}?token=`),
        job.PreSignedUrl,
      );
      assert.deepEqual([job.ImportedUsers, job.SkippedUsers, job.FailedUsers], [0, 0, 0]);

      const csv = csvOf(CSVHeader!, [
        {
          "cognito:username": "alice",
          email: "alice@example.com",
          email_verified: "true",
          name: "Alice, A.",
          "cognito:mfa_enabled": "false",
        },
        { "cognito:username": "bob", email: "bob@example.com", email_verified: "maybe" },
        { email: "nobody@example.com", email_verified: "TRUE" },
        {
          "cognito:username": "carol",
          phone_number: "+15555550100",
          phone_number_verified: "true",
          email: "carol@example.com",
          email_verified: "false",
        },
      ]);
      assert.equal(await curlUpload(job.PreSignedUrl!, csv), 200);
      // The URL's token works once.
      assert.equal(await curlUpload(job.PreSignedUrl!, csv), 403);

      const started = (
        await t.idp.send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: job.JobId! }))
      ).UserImportJob!;
      assert.equal(started.Status, "Pending");
      assert.ok(started.StartDate instanceof Date);

      const done = await waitFor(poolId, job.JobId!, ["Succeeded", "Failed"]);
      assert.equal(done.Status, "Succeeded");
      assert.deepEqual([done.ImportedUsers, done.SkippedUsers, done.FailedUsers], [2, 0, 2]);
      assert.ok(done.CompletionDate instanceof Date);
      assert.ok(done.CompletionMessage);

      const alice = await t.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "alice" }));
      assert.equal(alice.UserStatus, "RESET_REQUIRED");
      const attrs = Object.fromEntries(alice.UserAttributes!.map((a) => [a.Name, a.Value]));
      assert.equal(attrs.email, "alice@example.com");
      assert.equal(attrs.email_verified, "true");
      assert.equal(attrs.name, "Alice, A.");
      const carol = await t.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "carol" }));
      assert.equal(
        Object.fromEntries(carol.UserAttributes!.map((a) => [a.Name, a.Value])).phone_number_verified,
        "true",
      );
      await rejectsWith(
        t.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "bob" })),
        "UserNotFoundException",
      );

      // An imported user has no password: Cognito asks for a reset (developer guide, "Importing users").
      await rejectsWith(
        t.publicIdp.send(
          new InitiateAuthCommand({
            ClientId: clientId,
            AuthFlow: "USER_PASSWORD_AUTH",
            AuthParameters: { USERNAME: "alice", PASSWORD: GOOD_PASSWORD },
          }),
        ),
        "PasswordResetRequiredException",
        "Password reset required for the user",
      );
      await t.publicIdp.send(new ForgotPasswordCommand({ ClientId: clientId, Username: "alice" }));
      const { code } = await latestMessage(t.url, poolId, "alice");
      await t.publicIdp.send(
        new ConfirmForgotPasswordCommand({
          ClientId: clientId,
          Username: "alice",
          ConfirmationCode: code,
          Password: GOOD_PASSWORD,
        }),
      );
      const signedIn = await t.publicIdp.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: "alice", PASSWORD: GOOD_PASSWORD },
        }),
      );
      assert.ok(signedIn.AuthenticationResult?.AccessToken);
      const confirmed = await t.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "alice" }));
      assert.equal(confirmed.UserStatus, "CONFIRMED");
    });

    test("ListUserImportJobs pages with MaxResults and PaginationToken", async () => {
      const { poolId } = await createPoolAndClient(t.idp);
      const ids = [
        (await createJob(poolId, "a")).JobId!,
        (await createJob(poolId, "b")).JobId!,
        (await createJob(poolId, "c")).JobId!,
      ];
      const seen: string[] = [];
      let token: string | undefined;
      do {
        const page = await t.idp.send(
          new ListUserImportJobsCommand({ UserPoolId: poolId, MaxResults: 2, PaginationToken: token }),
        );
        assert.ok(page.UserImportJobs!.length <= 2);
        seen.push(...page.UserImportJobs!.map((j) => j.JobId!));
        token = page.PaginationToken;
      } while (token);
      assert.deepEqual(seen.sort(), ids.sort());
    });

    test("a header that does not match GetCSVHeader fails the job", async () => {
      const { poolId } = await createPoolAndClient(t.idp);
      const job = await createJob(poolId);
      assert.equal(
        await curlUpload(job.PreSignedUrl!, "cognito:username,email\r\nzed,zed@example.com\r\n"),
        200,
      );
      await t.idp.send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: job.JobId! }));
      const done = await waitFor(poolId, job.JobId!, ["Succeeded", "Failed"]);
      assert.equal(done.Status, "Failed");
      assert.equal(done.ImportedUsers, 0);
      assert.ok(done.CompletionMessage);
      await rejectsWith(
        t.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "zed" })),
        "UserNotFoundException",
      );
    });

    test("StopUserImportJob stops a running job; the rows left count as skipped", async () => {
      const { poolId } = await createPoolAndClient(t.idp);
      const { CSVHeader } = await t.idp.send(new GetCSVHeaderCommand({ UserPoolId: poolId }));
      const job = await createJob(poolId);
      await rejectsWith(
        t.idp.send(new StopUserImportJobCommand({ UserPoolId: poolId, JobId: job.JobId! })),
        "PreconditionNotMetException",
        `Import job ${job.JobId} is not running (status Created).`,
      );
      const users = Array.from({ length: 2000 }, (_, i) => ({ "cognito:username": `user${i}` }));
      assert.equal(await curlUpload(job.PreSignedUrl!, csvOf(CSVHeader!, users)), 200);
      await t.idp.send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: job.JobId! }));
      const stopping = (
        await t.idp.send(new StopUserImportJobCommand({ UserPoolId: poolId, JobId: job.JobId! }))
      ).UserImportJob!;
      assert.equal(stopping.Status, "Stopping");
      const done = await waitFor(poolId, job.JobId!, ["Stopped"]);
      assert.ok(done.SkippedUsers! > 0);
      assert.equal(done.ImportedUsers! + done.SkippedUsers! + done.FailedUsers!, 2000);
      assert.ok(done.CompletionDate instanceof Date);
    });

    test("errors: unknown job, start twice, start before upload, a wrong upload token", async () => {
      const { poolId } = await createPoolAndClient(t.idp);
      await rejectsWith(
        t.idp.send(new DescribeUserImportJobCommand({ UserPoolId: poolId, JobId: "import-nosuchjob1" })),
        "ResourceNotFoundException",
        "Import job import-nosuchjob1 does not exist.",
      );
      await rejectsWith(
        t.idp.send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: "import-nosuchjob1" })),
        "ResourceNotFoundException",
      );
      await rejectsWith(
        t.idp.send(
          new CreateUserImportJobCommand({
            UserPoolId: "us-east-1_nosuchpool",
            JobName: "x",
            CloudWatchLogsRoleArn: ROLE,
          }),
        ),
        "ResourceNotFoundException",
      );
      const job = await createJob(poolId);
      await rejectsWith(
        t.idp.send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: job.JobId! })),
        "PreconditionNotMetException",
        `No CSV file has been uploaded for import job ${job.JobId}.`,
      );
      const url = new URL(job.PreSignedUrl!);
      const wrong = new URL(url);
      wrong.searchParams.set("token", "x".repeat(url.searchParams.get("token")!.length));
      assert.equal(await curlUpload(wrong.toString(), "a\n"), 403);
      wrong.searchParams.delete("token");
      assert.equal(await curlUpload(wrong.toString(), "a\n"), 403);
      // The right token still works after the wrong ones.
      const { CSVHeader } = await t.idp.send(new GetCSVHeaderCommand({ UserPoolId: poolId }));
      assert.equal(
        await curlUpload(job.PreSignedUrl!, csvOf(CSVHeader!, [{ "cognito:username": "dora" }])),
        200,
      );
      await t.idp.send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: job.JobId! }));
      await rejectsWith(
        t.idp.send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: job.JobId! })),
        "PreconditionNotMetException",
        `Import job ${job.JobId} has already been started.`,
      );
      await waitFor(poolId, job.JobId!, ["Succeeded"]);
      await rejectsWith(
        t.idp.send(new ListUserImportJobsCommand({ UserPoolId: poolId, MaxResults: 0 })),
        "InvalidParameterException",
      );
    });
  });
}

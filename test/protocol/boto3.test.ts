import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { after, before, describe, test } from "node:test";
import { promisify } from "node:util";
import { BACKENDS, startTestServer, TEST_KEY, type TestServer } from "../support/server.ts";

// Other AWS clients than the JavaScript SDK: boto3 (Python) and the AWS CLI, driven as an app
// would drive them, against the real server. Missing tools skip these tests, except under CI.
const run = promisify(execFile);
const onCi = process.env.CI === "true";

/** Why a tool cannot run here, or undefined when it can. */
function missing(cmd: string, args: string[], what: string): string | undefined {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  return r.status === 0
    ? undefined
    : `${what} is not available (${cmd} ${args.join(" ")} failed); install it to run this test`;
}
// The machine's python3 first, then Debian's (where .ci/run installs python3-boto3 when missing).
const PYTHON =
  ["python3", "/usr/bin/python3"].find((py) => spawnSync(py, ["-c", "import boto3"]).status === 0) ??
  "python3";
const noBoto3 = missing(PYTHON, ["-c", "import boto3"], "python3 with boto3");
const noCli = missing("aws", ["--version"], "the AWS CLI");
/** Skips with a clear message locally; under CI a missing tool fails the test instead. */
const skipUnless = (why: string | undefined) => (why && !onCi ? why : false);

/** An environment with the test key and nothing from the user's AWS configuration. */
const awsEnv = (): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  AWS_ACCESS_KEY_ID: TEST_KEY.accessKeyId,
  AWS_SECRET_ACCESS_KEY: TEST_KEY.secretAccessKey,
  AWS_DEFAULT_REGION: "us-east-1",
  AWS_CONFIG_FILE: "/nonexistent/cognate-test-config",
  AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/cognate-test-credentials",
  AWS_EC2_METADATA_DISABLED: "true",
  AWS_PAGER: "",
});

const BOTO3_SCRIPT = `
import json, sys
import boto3
from botocore.config import Config

endpoint, key_id, secret = sys.argv[1], sys.argv[2], sys.argv[3]
idp = boto3.client(
    "cognito-idp",
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id=key_id,
    aws_secret_access_key=secret,
    config=Config(retries={"max_attempts": 1}),
)
pool = idp.create_user_pool(PoolName="from-boto3", Schema=[{"Name": "tier", "AttributeDataType": "String"}])["UserPool"]
client = idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="py-client", GenerateSecret=True)["UserPoolClient"]
described = idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
try:
    idp.describe_user_pool(UserPoolId="us-east-1_missing00")
    not_found = None
except idp.exceptions.ResourceNotFoundException as e:
    not_found = {
        "code": e.response["Error"]["Code"],
        "message": e.response["Error"]["Message"],
        "status": e.response["ResponseMetadata"]["HTTPStatusCode"],
        "request_id": e.response["ResponseMetadata"].get("RequestId"),
    }
print(json.dumps({
    "pool_id": pool["Id"],
    "client_id": client["ClientId"],
    "has_secret": bool(client.get("ClientSecret")),
    "described_name": described["Name"],
    "described_id": described["Id"],
    "creation_date_type": type(described["CreationDate"]).__name__,
    "custom_attribute": any(a["Name"] == "custom:tier" for a in described["SchemaAttributes"]),
    "estimated_users": described.get("EstimatedNumberOfUsers"),
    "not_found": not_found,
}))
`;

/** What BOTO3_SCRIPT prints. */
interface Boto3Result {
  pool_id: string;
  client_id: string;
  has_secret: boolean;
  described_name: string;
  described_id: string;
  creation_date_type: string;
  custom_attribute: boolean;
  estimated_users: number;
  not_found: { code: string; message: string; status: number; request_id?: string } | null;
}

for (const backend of BACKENDS) {
  describe(backend, () => {
    let t: TestServer;
    before(async () => {
      t = await startTestServer({ backend });
    });
    after(() => t.close());

    test("boto3 creates and describes a pool and catches ResourceNotFoundException", {
      skip: skipUnless(noBoto3),
    }, async () => {
      assert.equal(noBoto3, undefined, noBoto3);
      const { stdout } = await run(
        PYTHON,
        ["-c", BOTO3_SCRIPT, t.url, TEST_KEY.accessKeyId, TEST_KEY.secretAccessKey],
        {
          env: awsEnv(),
          timeout: 60_000,
        },
      );
      const out = JSON.parse(stdout) as Boto3Result;
      assert.match(out.pool_id, /^us-east-1_[0-9A-Za-z]{9}$/);
      assert.match(out.client_id, /^[a-z0-9]{26}$/);
      assert.equal(out.has_secret, true);
      assert.equal(out.described_id, out.pool_id);
      assert.equal(out.described_name, "from-boto3");
      // botocore parses the epoch-seconds timestamps into datetime objects.
      assert.equal(out.creation_date_type, "datetime");
      assert.equal(out.custom_attribute, true);
      assert.equal(out.estimated_users, 0);
      assert.deepEqual(
        { code: out.not_found?.code, message: out.not_found?.message, status: out.not_found?.status },
        {
          code: "ResourceNotFoundException",
          message: "User pool us-east-1_missing00 does not exist.",
          status: 400,
        },
      );
      assert.match(out.not_found?.request_id ?? "", /^[0-9a-f-]{36}$/);
    });

    test("the AWS CLI lists pools and reports errors as Cognito's", { skip: skipUnless(noCli) }, async () => {
      assert.equal(noCli, undefined, noCli);
      const cli = (args: string[]) =>
        run(
          "aws",
          ["cognito-idp", ...args, "--endpoint-url", t.url, "--region", "us-east-1", "--output", "json"],
          {
            env: awsEnv(),
            timeout: 60_000,
          },
        );
      const made = JSON.parse((await cli(["create-user-pool", "--pool-name", "from-cli"])).stdout) as {
        UserPool: { Id: string };
      };
      const listed = JSON.parse((await cli(["list-user-pools", "--max-results", "10"])).stdout) as {
        UserPools: { Id: string; Name: string; CreationDate: unknown }[];
      };
      const entry = listed.UserPools.find((p) => p.Id === made.UserPool.Id);
      assert.ok(entry, JSON.stringify(listed));
      assert.equal(entry.Name, "from-cli");
      const failure = await cli(["describe-user-pool", "--user-pool-id", "us-east-1_missing00"]).then(
        () => assert.fail("describe-user-pool of an unknown pool succeeded"),
        (e: { code?: number; stderr?: string }) => e,
      );
      assert.notEqual(failure.code, 0);
      assert.match(
        failure.stderr ?? "",
        /An error occurred \(ResourceNotFoundException\) when calling the DescribeUserPool operation: User pool us-east-1_missing00 does not exist\./,
      );
    });
  });
}

import { identityPoolsService } from "../identity-pools/service.ts";
import type { Runtime } from "../main.ts";
import type { JsonService } from "../protocol/aws-json/dispatch.ts";
import { ServiceError } from "../protocol/aws-json/errors.ts";
import { serializeOutput } from "../protocol/aws-json/serialize.ts";
import { validateInput } from "../protocol/aws-json/validate.ts";
import type { Caller } from "../user-pools/operation.ts";
import { userPoolsService } from "../user-pools/service.ts";

const services: Record<string, JsonService> = {
  "cognito-idp": userPoolsService,
  "cognito-identity": identityPoolsService,
};

/**
 * Runs one operation against the database with administrator rights, through the
 * same registry, validation and handlers the HTTP API uses (no SigV4: whoever can run
 * the CLI can read the database anyway).
 *
 * @example
 * await callOperation(rt, "AdminCreateUser", { UserPoolId: "us-east-1_abc", Username: "alice" });
 */
export async function callOperation(
  rt: Runtime,
  name: string,
  input: Record<string, unknown>,
  api = "cognito-idp",
): Promise<unknown> {
  const service = services[api];
  if (!service) throw new Error(`unknown API ${api} (use cognito-idp or cognito-identity)`);
  const op = service.operations[name];
  if (!(name in service.model.operations))
    throw new ServiceError("UnknownOperationException", `Unknown operation ${name}`);
  if (!op)
    throw new ServiceError(
      "NotImplementedException",
      `cognate does not implement ${name} yet; see docs/compatibility.md.`,
    );
  const shape = service.model.operations[name]?.input;
  if (shape) validateInput(service.model, shape, input);
  const base = { ...rt, requestId: rt.random.uuid(), sourceIp: "cli" };
  let caller: Caller = { kind: "iam", accessKeyId: "cli" };
  if (op.auth === "access-token" && service.authenticateToken)
    caller = await service.authenticateToken(input, { ...base, caller });
  return JSON.parse(serializeOutput(await op.handle(input, { ...base, caller })));
}

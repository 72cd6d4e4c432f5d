import { parseAccessKeys } from "../../config/load.ts";
import type { Config } from "../../config/schema.ts";
import type { Clock } from "../../runtime/clock.ts";
import type { Logger } from "../../runtime/logger.ts";
import type { Random } from "../../runtime/random.ts";
import type { Store } from "../../storage/store.ts";
import type { Caller, Operation, OperationContext } from "../../user-pools/operation.ts";
import type { Services } from "../../user-pools/services.ts";
import { verifySigV4 } from "../sigv4/verify.ts";
import { ServiceError, toWireError } from "./errors.ts";
import type { ServiceModel } from "./model.ts";
import { serializeOutput } from "./serialize.ts";
import { validateInput } from "./validate.ts";

/** The user a sign-in or code request is about, wherever the operation carries it. */
function namedUser(input: Record<string, unknown>): string | undefined {
  const params = (input.AuthParameters ?? input.ChallengeResponses) as Record<string, unknown> | undefined;
  const u = input.Username ?? params?.USERNAME;
  return typeof u === "string" && u !== "" ? u : undefined;
}

/** One AWS JSON 1.1 service: its model, its registry and how it checks access tokens. */
export interface JsonService {
  model: ServiceModel;
  operations: Readonly<Record<string, Operation>>;
  /** Establishes the caller for `auth: "access-token"` operations. */
  authenticateToken?(input: Record<string, unknown>, ctx: OperationContext): Promise<Caller>;
  /** Operations counted against the per-IP rate limit. */
  rateLimited?: ReadonlySet<string>;
}

export interface DispatchDeps {
  store: Store;
  clock: Clock;
  random: Random;
  config: Config;
  logger: Logger;
  services: Services;
}

export interface RawRequest {
  method: string;
  url: URL;
  headers: Headers;
  /** One header by lower-case name, without building `headers`. */
  header(name: string): string | null;
  body: Uint8Array;
  sourceIp: string;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const JSON_TYPE = "application/x-amz-json-1.1";

/**
 * Handles `POST /` for every AWS JSON service as a short list of named steps:
 * parseBody → route → authenticate → validate → invoke → serialize.
 */
export function createDispatcher(services: readonly JsonService[], deps: DispatchDeps) {
  const keys = new Map(parseAccessKeys(deps.config.accessKeys).map((k) => [k.id, k.secret]));
  const byPrefix = new Map(services.map((s) => [s.model.targetPrefix, s]));
  const rateLimit = deps.config.dev ? 0 : deps.config.rateLimitPerMinute;

  const route = (target: string | null) => {
    const dot = target?.lastIndexOf(".") ?? -1;
    const service = dot > 0 ? byPrefix.get(target!.slice(0, dot)) : undefined;
    const name = target?.slice(dot + 1) ?? "";
    if (!service || !(name in service.model.operations)) {
      throw new ServiceError(
        "UnknownOperationException",
        `Unknown operation ${target ?? "(no X-Amz-Target header)"}`,
      );
    }
    const op = service.operations[name];
    if (!op) {
      throw new ServiceError(
        "NotImplementedException",
        `cognate does not implement ${name} yet; see docs/compatibility.md.`,
      );
    }
    return { service, op, name };
  };

  const parseBody = (body: Uint8Array): Record<string, unknown> => {
    const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8");
    if (text.trim() === "") return {};
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch {
      throw new ServiceError("SerializationException", "The request body is not valid JSON.");
    }
    if (typeof v !== "object" || v === null || Array.isArray(v)) {
      throw new ServiceError("SerializationException", "The request body must be a JSON object.");
    }
    return v as Record<string, unknown>;
  };

  const authenticateIam = async (req: RawRequest): Promise<Caller> => {
    if (deps.config.dev && keys.size === 0) {
      // Unsigned admin calls are for tools on this machine, not for any web page the developer opens.
      const origin = req.header("origin");
      if (origin && !/^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(origin)) {
        throw new ServiceError(
          "AccessDeniedException",
          `Development mode takes unsigned admin calls from this machine only, not from a page at ${origin}.`,
        );
      }
      return { kind: "iam", accessKeyId: "dev" };
    }
    // With keys configured, signatures are checked in development mode too.
    const id = await verifySigV4(
      req,
      (k) => keys.get(k),
      new Date(deps.clock.nowMs()),
      deps.config.sigv4MaxSkewSeconds,
    );
    return { kind: "iam", accessKeyId: id };
  };

  /** Per client IP, and per user named in the request, for each rate-limited operation. */
  const throttle = async (
    name: string,
    req: RawRequest,
    service: JsonService,
    input: Record<string, unknown>,
  ) => {
    if (!rateLimit || !service.rateLimited?.has(name)) return;
    const windowStart = Math.floor(deps.clock.nowMs() / 60_000) * 60_000;
    const buckets = [`ip:${req.sourceIp}:${name}`];
    const user = namedUser(input);
    if (user) buckets.push(`user:${String(input.ClientId ?? input.UserPoolId ?? "")}:${user}:${name}`);
    for (const bucket of buckets) {
      const count = await deps.store.rateLimits.hit(bucket, windowStart);
      if (count > rateLimit) throw new ServiceError("TooManyRequestsException", "Rate exceeded");
    }
  };

  return async function dispatch(req: RawRequest): Promise<RawResponse> {
    const requestId = deps.random.uuid();
    const headers: Record<string, string> = { "content-type": JSON_TYPE, "x-amzn-requestid": requestId };
    let opName = "";
    try {
      const target = req.header("x-amz-target");
      const input = parseBody(req.body);
      const { service, op, name } = route(target);
      opName = name;
      const base = { ...deps, requestId, sourceIp: req.sourceIp };
      let caller: Caller = { kind: "public" };
      if (op.auth === "iam") caller = await authenticateIam(req);
      const shape = service.model.operations[name]?.input;
      if (shape) validateInput(service.model, shape, input);
      await throttle(name, req, service, input);
      if (op.auth === "access-token") {
        if (!service.authenticateToken) throw new Error(`${name} needs an access token authenticator`);
        caller = await service.authenticateToken(input, { ...base, caller });
      }
      const output = await op.handle(input, { ...base, caller });
      return { status: 200, headers, body: serializeOutput(output) };
    } catch (err) {
      const wire = toWireError(err);
      if (wire.status >= 500 && wire.status !== 501)
        deps.logger.error(`${opName || "request"} failed`, {
          requestId,
          error: String((err as Error)?.stack ?? err),
        });
      else deps.logger.debug(`${opName} → ${wire.type}`, { requestId });
      return { status: wire.status, headers: { ...headers, "x-amzn-errortype": wire.type }, body: wire.body };
    }
  };
}

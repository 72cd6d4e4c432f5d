import type { Config } from "../config/schema.ts";
import type { cognitoIdpModel } from "../protocol/aws-json/generated/cognito-idp.ts";
import type { Clock } from "../runtime/clock.ts";
import type { Logger } from "../runtime/logger.ts";
import type { Random } from "../runtime/random.ts";
import type { PoolRecord, UserRecord } from "../storage/records.ts";
import type { Store } from "../storage/store.ts";
import type { Services } from "./services.ts";

export type UserPoolOperationName = keyof (typeof cognitoIdpModel)["operations"];

/** Who is calling, as established by the dispatcher before the handler runs. */
export type Caller =
  | { kind: "public" }
  | { kind: "iam"; accessKeyId: string }
  | { kind: "access-token"; user: UserRecord; pool: PoolRecord; claims: AccessTokenClaims };

export interface AccessTokenClaims {
  sub: string;
  client_id: string;
  username: string;
  scope: string;
  jti: string;
  origin_jti: string;
  auth_time: number;
  iat: number;
  exp: number;
  [k: string]: unknown;
}

/**
 * What a handler gets instead of HTTP. Logic reads time and randomness only from here.
 */
export interface OperationContext {
  readonly store: Store;
  readonly clock: Clock;
  readonly random: Random;
  readonly config: Config;
  readonly logger: Logger;
  readonly services: Services;
  readonly requestId: string;
  readonly sourceIp: string;
  readonly caller: Caller;
}

export type AuthMode = "iam" | "access-token" | "public";

export interface Operation<I = unknown, O = unknown> {
  readonly name: string;
  /** Enforced by the dispatcher; handlers never check it. */
  readonly auth: AuthMode;
  handle(input: I, ctx: OperationContext): Promise<O>;
}

/**
 * Declares one wire operation. The name must be a modeled operation, so a typo does not compile.
 *
 * @example
 * export default defineOperation<AdminDisableUserRequest, AdminDisableUserResponse>("AdminDisableUser", {
 *   auth: "iam",
 *   async handle(input, ctx) {
 *     const user = await requireUser(ctx, input.UserPoolId!, input.Username!);
 *     await ctx.store.users.update(user.id, { enabled: false }, ctx.clock.nowMs());
 *     return {};
 *   },
 * });
 */
export function defineOperation<I, O>(
  name: UserPoolOperationName,
  def: { auth: AuthMode; handle(input: I, ctx: OperationContext): Promise<O> },
): Operation<I, O> {
  return { name, auth: def.auth, handle: def.handle };
}

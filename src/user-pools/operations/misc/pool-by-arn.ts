import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import type { PoolRecord } from "../../../storage/records.ts";
import { poolArn } from "../../domain/pools.ts";
import type { OperationContext } from "../../operation.ts";

/**
 * Loads the user pool a tagging call names by ARN (`arn:aws:cognito-idp:<region>:<account>:userpool/<id>`,
 * as DescribeUserPool's Arn gives it). Anything else, or a pool that does not exist, is
 * ResourceNotFoundException.
 */
export async function requirePoolByArn(
  ctx: Pick<OperationContext, "store" | "config">,
  arn: string,
): Promise<PoolRecord> {
  const id = /^arn:aws:cognito-idp:[^:]+:\d{12}:userpool\/([\w-]+_[0-9a-zA-Z]+)$/.exec(arn)?.[1];
  const pool = id && poolArn(ctx.config.region, id) === arn ? await ctx.store.pools.get(id) : undefined;
  if (!pool) throw new ServiceError("ResourceNotFoundException", `Resource ${arn} does not exist.`);
  return pool;
}

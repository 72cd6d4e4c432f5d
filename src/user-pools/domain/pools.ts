import type { UserPoolClientType, UserPoolType } from "@aws-sdk/client-cognito-identity-provider";
import { ServiceError } from "../../protocol/aws-json/errors.ts";
import type { ClientRecord, PoolRecord } from "../../storage/records.ts";
import type { OperationContext } from "../operation.ts";

/** The settings a pool stores: UserPoolType without the members cognate derives. */
export type PoolConfig = Omit<
  UserPoolType,
  "Id" | "Name" | "Arn" | "CreationDate" | "LastModifiedDate" | "EstimatedNumberOfUsers"
>;
/** The settings a client stores. */
export type ClientConfig = Omit<
  UserPoolClientType,
  "UserPoolId" | "ClientName" | "ClientId" | "ClientSecret" | "CreationDate" | "LastModifiedDate"
>;

export const poolConfig = (pool: PoolRecord): PoolConfig => pool.config as PoolConfig;
export const clientConfig = (client: ClientRecord): ClientConfig => client.config as ClientConfig;

/** Loads a pool or throws Cognito's ResourceNotFoundException. */
export async function requirePool(ctx: Pick<OperationContext, "store">, poolId: string): Promise<PoolRecord> {
  const pool = await ctx.store.pools.get(poolId);
  if (!pool) throw new ServiceError("ResourceNotFoundException", `User pool ${poolId} does not exist.`);
  return pool;
}

/** Loads a client or throws `ResourceNotFoundException: User pool client <id> does not exist.` */
export async function requireClient(
  ctx: Pick<OperationContext, "store">,
  clientId: string,
  poolId?: string,
): Promise<ClientRecord> {
  const client = await ctx.store.clients.get(clientId);
  if (!client || (poolId !== undefined && client.poolId !== poolId)) {
    throw new ServiceError("ResourceNotFoundException", `User pool client ${clientId} does not exist.`);
  }
  return client;
}

export const poolArn = (region: string, poolId: string, account = "000000000000"): string =>
  `arn:aws:cognito-idp:${region}:${account}:userpool/${poolId}`;

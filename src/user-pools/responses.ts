import type {
  UserPoolClientDescription,
  UserPoolClientType,
  UserPoolDescriptionType,
  UserPoolType,
} from "@aws-sdk/client-cognito-identity-provider";
import type { ClientRecord, PoolRecord } from "../storage/records.ts";
import { type ClientConfig, type PoolConfig, poolArn } from "./domain/pools.ts";

/** The UserPoolType of DescribeUserPool / CreateUserPool. */
export function toUserPoolType(pool: PoolRecord, region: string, estimatedUsers?: number): UserPoolType {
  const out: UserPoolType = {
    Id: pool.id,
    Name: pool.name,
    Arn: poolArn(region, pool.id),
    CreationDate: new Date(pool.createdAt),
    LastModifiedDate: new Date(pool.updatedAt),
    ...(pool.config as PoolConfig),
  };
  if (estimatedUsers !== undefined) out.EstimatedNumberOfUsers = estimatedUsers;
  return out;
}

/** The UserPoolClientType of DescribeUserPoolClient / CreateUserPoolClient. */
export function toUserPoolClientType(client: ClientRecord): UserPoolClientType {
  return {
    UserPoolId: client.poolId,
    ClientName: client.name,
    ClientId: client.clientId,
    ...(client.secret ? { ClientSecret: client.secret } : {}),
    LastModifiedDate: new Date(client.updatedAt),
    CreationDate: new Date(client.createdAt),
    ...(client.config as ClientConfig),
  };
}

/** A ListUserPools entry (the CLI reference's example: Id, Name, LambdaConfig and the dates). */
export function toUserPoolDescriptionType(pool: PoolRecord): UserPoolDescriptionType {
  return {
    Id: pool.id,
    Name: pool.name,
    LambdaConfig: (pool.config as PoolConfig).LambdaConfig ?? {},
    LastModifiedDate: new Date(pool.updatedAt),
    CreationDate: new Date(pool.createdAt),
  };
}

/** A ListUserPoolClients entry. */
export const toUserPoolClientDescription = (client: ClientRecord): UserPoolClientDescription => ({
  ClientId: client.clientId,
  UserPoolId: client.poolId,
  ClientName: client.name,
});

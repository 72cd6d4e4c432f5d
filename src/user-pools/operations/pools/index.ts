import type { Operation } from "../../operation.ts";
import CreateUserPool from "./CreateUserPool.ts";
import CreateUserPoolClient from "./CreateUserPoolClient.ts";
import DeleteUserPool from "./DeleteUserPool.ts";
import DeleteUserPoolClient from "./DeleteUserPoolClient.ts";
import DescribeUserPool from "./DescribeUserPool.ts";
import DescribeUserPoolClient from "./DescribeUserPoolClient.ts";
import ListUserPoolClients from "./ListUserPoolClients.ts";
import ListUserPools from "./ListUserPools.ts";
import UpdateUserPool from "./UpdateUserPool.ts";
import UpdateUserPoolClient from "./UpdateUserPoolClient.ts";

export const poolOperations: Operation[] = [
  CreateUserPool,
  DescribeUserPool,
  UpdateUserPool,
  DeleteUserPool,
  ListUserPools,
  CreateUserPoolClient,
  DescribeUserPoolClient,
  UpdateUserPoolClient,
  DeleteUserPoolClient,
  ListUserPoolClients,
];

import type { Operation } from "../../operation.ts";
import CreateResourceServer from "./CreateResourceServer.ts";
import CreateUserPoolDomain from "./CreateUserPoolDomain.ts";
import DeleteResourceServer from "./DeleteResourceServer.ts";
import DeleteUserPoolDomain from "./DeleteUserPoolDomain.ts";
import DescribeResourceServer from "./DescribeResourceServer.ts";
import DescribeUserPoolDomain from "./DescribeUserPoolDomain.ts";
import ListResourceServers from "./ListResourceServers.ts";
import UpdateResourceServer from "./UpdateResourceServer.ts";
import UpdateUserPoolDomain from "./UpdateUserPoolDomain.ts";

/** User pool domains and resource servers: the configuration behind the OAuth 2.0 endpoints (src/oauth/). */
export const oauthOperations: Operation[] = [
  CreateUserPoolDomain,
  DescribeUserPoolDomain,
  UpdateUserPoolDomain,
  DeleteUserPoolDomain,
  CreateResourceServer,
  DescribeResourceServer,
  UpdateResourceServer,
  DeleteResourceServer,
  ListResourceServers,
];

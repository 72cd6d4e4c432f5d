import { readFileSync } from "node:fs";
import type { Runtime } from "../main.ts";
import { callOperation } from "./call.ts";

/**
 * A seed file: pools with their clients, groups and users, created through the
 * operation registry. Seeding is idempotent by name: a pool, client, group or user
 * that already exists is left as it is.
 *
 * @example
 * {
 *   "userPools": [{
 *     "PoolName": "demo", "UsernameAttributes": ["email"],
 *     "clients": [{ "ClientName": "web", "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }],
 *     "groups": [{ "GroupName": "admins", "Precedence": 1 }],
 *     "users": [{ "Username": "alice@example.com", "Password": "Passw0rd!", "Attributes": { "email_verified": "true" }, "Groups": ["admins"] }]
 *   }]
 * }
 */
export interface SeedFile {
  userPools: (Record<string, unknown> & {
    PoolName: string;
    clients?: (Record<string, unknown> & { ClientName: string })[];
    groups?: (Record<string, unknown> & { GroupName: string })[];
    users?: { Username: string; Password?: string; Attributes?: Record<string, string>; Groups?: string[] }[];
  })[];
}

type Out = {
  Id: string;
  Name: string;
  clients: { ClientId: string; ClientName: string; ClientSecret?: string }[];
};

export async function seed(rt: Runtime, file: string): Promise<{ userPools: Out[] }> {
  const data = JSON.parse(readFileSync(file, "utf8")) as SeedFile;
  if (!Array.isArray(data.userPools)) throw new Error(`${file}: expected {"userPools": [...]}`);
  const call = (name: string, input: Record<string, unknown>) =>
    // biome-ignore lint/suspicious/noExplicitAny: operation outputs are read field by field below, shapes per operation
    callOperation(rt, name, input) as Promise<Record<string, any>>;
  const result: Out[] = [];
  for (const { clients = [], groups = [], users = [], ...poolInput } of data.userPools) {
    const pools = (await rt.store.pools.list(10_000)).items;
    const poolId =
      pools.find((p) => p.name === poolInput.PoolName)?.id ??
      (await call("CreateUserPool", poolInput)).UserPool.Id;
    const out: Out = { Id: poolId, Name: poolInput.PoolName, clients: [] };
    const existingClients = (await rt.store.clients.list(poolId, 10_000)).items;
    for (const c of clients) {
      const found = existingClients.find((e) => e.name === c.ClientName);
      const client = found
        ? {
            ClientId: found.clientId,
            ClientName: found.name,
            ...(found.secret ? { ClientSecret: found.secret } : {}),
          }
        : (await call("CreateUserPoolClient", { ...c, UserPoolId: poolId })).UserPoolClient;
      out.clients.push({
        ClientId: client.ClientId,
        ClientName: client.ClientName,
        ...(client.ClientSecret ? { ClientSecret: client.ClientSecret } : {}),
      });
    }
    for (const g of groups) {
      if (!(await rt.store.groups.get(poolId, g.GroupName)))
        await call("CreateGroup", { ...g, UserPoolId: poolId });
    }
    for (const u of users) {
      const attrs = Object.entries(u.Attributes ?? {}).map(([Name, Value]) => ({ Name, Value }));
      const exists = await call("AdminGetUser", { UserPoolId: poolId, Username: u.Username }).catch(
        () => undefined,
      );
      if (!exists) {
        await call("AdminCreateUser", {
          UserPoolId: poolId,
          Username: u.Username,
          UserAttributes: attrs,
          MessageAction: "SUPPRESS",
        });
        if (u.Password)
          await call("AdminSetUserPassword", {
            UserPoolId: poolId,
            Username: u.Username,
            Password: u.Password,
            Permanent: true,
          });
      }
      for (const group of u.Groups ?? [])
        await call("AdminAddUserToGroup", { UserPoolId: poolId, Username: u.Username, GroupName: group });
    }
    result.push(out);
  }
  return { userPools: result };
}

import assert from "node:assert/strict";
import {
  AdminCreateUserCommand,
  type CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  type CreateUserPoolClientRequest,
  CreateUserPoolCommand,
  type CreateUserPoolRequest,
} from "@aws-sdk/client-cognito-identity-provider";

export const GOOD_PASSWORD = "Correct-Horse-9";

/** Creates a pool and an app client (USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH, USER_AUTH, refresh allowed). */
export async function createPoolAndClient(
  idp: CognitoIdentityProviderClient,
  pool: Partial<CreateUserPoolRequest> = {},
  client: Partial<CreateUserPoolClientRequest> = {},
) {
  const { UserPool } = await idp.send(new CreateUserPoolCommand({ PoolName: "test-pool", ...pool }));
  const poolId = UserPool!.Id!;
  const { UserPoolClient } = await idp.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: "test-client",
      ExplicitAuthFlows: [
        "ALLOW_USER_PASSWORD_AUTH",
        "ALLOW_ADMIN_USER_PASSWORD_AUTH",
        "ALLOW_REFRESH_TOKEN_AUTH",
        "ALLOW_USER_AUTH",
        "ALLOW_USER_SRP_AUTH",
      ],
      ...client,
    }),
  );
  return {
    poolId,
    clientId: UserPoolClient!.ClientId!,
    clientSecret: UserPoolClient!.ClientSecret,
    pool: UserPool!,
    client: UserPoolClient!,
  };
}

/** Creates a user with a temporary password (FORCE_CHANGE_PASSWORD), no message sent. */
export async function createUser(
  idp: CognitoIdentityProviderClient,
  poolId: string,
  username: string,
  attributes: Record<string, string> = {},
  temporaryPassword = "Temp-Pass-1",
) {
  await idp.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: username,
      TemporaryPassword: temporaryPassword,
      MessageAction: "SUPPRESS",
      UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
    }),
  );
}

/** Asserts that `p` rejects with the AWS exception `name` (and `message`, when given). */
export async function rejectsWith(
  p: Promise<unknown>,
  name: string,
  message?: string | RegExp,
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await p;
  } catch (e) {
    const err = e as Error & { $metadata?: { httpStatusCode?: number } };
    assert.equal(err.name, name, `expected ${name}, got ${err.name}: ${err.message}`);
    if (typeof message === "string") assert.equal(err.message, message);
    else if (message) assert.match(err.message, message);
    return err;
  }
  assert.fail(`expected ${name}, but the call succeeded`);
}

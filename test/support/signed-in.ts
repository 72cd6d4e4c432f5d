import {
  AdminSetUserPasswordCommand,
  type AuthenticationResultType,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createUser, GOOD_PASSWORD } from "./fixtures.ts";
import type { TestServer } from "./server.ts";

/** Signs in with USER_PASSWORD_AUTH, as an app does (InitiateAuth needs no AWS credentials). */
export async function signIn(
  t: TestServer,
  clientId: string,
  username: string,
  password = GOOD_PASSWORD,
): Promise<AuthenticationResultType> {
  const r = await t.publicIdp.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: "USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );
  if (!r.AuthenticationResult) throw new Error(`sign-in answered a challenge: ${r.ChallengeName}`);
  return r.AuthenticationResult;
}

/** Creates a confirmed user with GOOD_PASSWORD and signs them in; returns their tokens. */
export async function signedInUser(
  t: TestServer,
  poolId: string,
  clientId: string,
  username: string,
  attributes: Record<string, string> = {},
): Promise<AuthenticationResultType> {
  await createUser(t.idp, poolId, username, attributes);
  await t.idp.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: poolId,
      Username: username,
      Password: GOOD_PASSWORD,
      Permanent: true,
    }),
  );
  return signIn(t, clientId, username);
}

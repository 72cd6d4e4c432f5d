import { decodeJwt } from "jose";
import type { OAuthDeps } from "../oauth/context.ts";
import { operationContext } from "../oauth/context.ts";
import { ServiceError } from "../protocol/aws-json/errors.ts";
import type { ClientRecord } from "../storage/records.ts";
import type { Store } from "../storage/store.ts";
import { initiateAuth, respondToAuthChallenge } from "../user-pools/auth/engine.ts";
import { computeSecretHash } from "../user-pools/domain/secret-hash.ts";
import type { OperationContext } from "../user-pools/operation.ts";

/** What a hosted sign-in step ends in. */
export type SignInResult =
  | { kind: "signed-in"; userId: string; authTime: number }
  | { kind: "new-password"; session: string; username: string; requiredAttributes: string[] }
  /** An MFA challenge (SMS_MFA, EMAIL_OTP, SOFTWARE_TOKEN_MFA, SELECT_MFA_TYPE, MFA_SETUP): hosted-ui/challenges.ts. */
  | {
      kind: "challenge";
      challengeName: string;
      session: string;
      username: string;
      parameters: Record<string, string>;
    }
  | { kind: "failed"; errorName: string };

/**
 * The OperationContext the hosted pages sign in with. Managed login signs users in whatever the
 * client's ExplicitAuthFlows say (those govern the API only), so the context's store presents the
 * client with USER_PASSWORD_AUTH enabled; everything else is the API's own engine and storage.
 */
export function engineContext(deps: OAuthDeps, sourceIp: string, client: ClientRecord): OperationContext {
  const flows = (client.config.ExplicitAuthFlows as string[] | undefined) ?? [];
  const hosted: ClientRecord = {
    ...client,
    config: {
      ...client.config,
      ExplicitAuthFlows: [...flows, "ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_AUTH"],
    },
  };
  const base = deps.store;
  const clients: Store["clients"] = {
    ...base.clients,
    get: async (id) => (id === client.clientId ? hosted : base.clients.get(id)),
  };
  const store = Object.create(base, { clients: { value: clients } }) as Store;
  return { ...operationContext(deps, sourceIp), store };
}

export const secretHash = (client: ClientRecord, username: string): Record<string, string> =>
  client.secret ? { SECRET_HASH: computeSecretHash(client.secret, username, client.clientId) } : {};

/**
 * Turns the engine's tokens into a hosted-UI sign-in. The engine opened a refresh-token session
 * the browser never sees, so it is revoked at once; the app gets its own tokens from the code.
 */
export async function toSignedIn(ctx: OperationContext, accessToken: string): Promise<SignInResult> {
  const claims = decodeJwt(accessToken) as { sub: string; auth_time: number; origin_jti: string };
  await ctx.store.refreshTokens.revoke(claims.origin_jti, ctx.clock.nowMs());
  return { kind: "signed-in", userId: claims.sub, authTime: claims.auth_time };
}

export async function run(fn: () => Promise<SignInResult>): Promise<SignInResult> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof ServiceError) return { kind: "failed", errorName: e.name };
    throw e;
  }
}

const PAGED_CHALLENGES = [
  "SMS_MFA",
  "EMAIL_OTP",
  "SMS_OTP",
  "SOFTWARE_TOKEN_MFA",
  "SELECT_MFA_TYPE",
  "MFA_SETUP",
];

/** A challenge the engine answered with: one the hosted pages show, or NotImplementedException. */
export function toChallenge(
  r: { ChallengeName?: string; Session?: string; ChallengeParameters?: Record<string, string> },
  username: string,
): SignInResult {
  if (!r.ChallengeName || !r.Session || !PAGED_CHALLENGES.includes(r.ChallengeName))
    return { kind: "failed", errorName: "NotImplementedException" };
  const parameters = r.ChallengeParameters ?? {};
  return {
    kind: "challenge",
    challengeName: r.ChallengeName,
    session: r.Session,
    username: parameters.USER_ID_FOR_SRP ?? username,
    parameters,
  };
}

/** Username and password, through the same engine as InitiateAuth. */
export function signInWithPassword(
  deps: OAuthDeps,
  sourceIp: string,
  client: ClientRecord,
  username: string,
  password: string,
): Promise<SignInResult> {
  return run(async () => {
    const ctx = engineContext(deps, sourceIp, client);
    const r = await initiateAuth(
      ctx,
      {
        clientId: client.clientId,
        flow: "USER_PASSWORD_AUTH",
        params: { USERNAME: username, PASSWORD: password, ...secretHash(client, username) },
      },
      false,
    );
    if (r.AuthenticationResult?.AccessToken) return toSignedIn(ctx, r.AuthenticationResult.AccessToken);
    if ("ChallengeName" in r && r.ChallengeName === "NEW_PASSWORD_REQUIRED" && r.Session) {
      const params: Record<string, string> = r.ChallengeParameters;
      const required = JSON.parse(params.requiredAttributes ?? "[]") as string[];
      return {
        kind: "new-password",
        session: r.Session,
        username: params.USER_ID_FOR_SRP ?? username,
        requiredAttributes: required.map((a) => a.replace(/^userAttributes\./, "")),
      };
    }
    return toChallenge(r, username);
  });
}

/**
 * Passwordless sign-in (USER_AUTH with PREFERRED_CHALLENGE EMAIL_OTP or SMS_OTP), through the same
 * engine as InitiateAuth. When the user cannot use that factor the engine offers SELECT_CHALLENGE;
 * the page says the method is unavailable instead.
 */
export function signInWithCode(
  deps: OAuthDeps,
  sourceIp: string,
  client: ClientRecord,
  username: string,
  factor: "EMAIL_OTP" | "SMS_OTP",
): Promise<SignInResult> {
  return run(async () => {
    const ctx = engineContext(deps, sourceIp, client);
    const r = await initiateAuth(
      ctx,
      {
        clientId: client.clientId,
        flow: "USER_AUTH",
        params: { USERNAME: username, PREFERRED_CHALLENGE: factor, ...secretHash(client, username) },
      },
      false,
    );
    if (r.AuthenticationResult?.AccessToken) return toSignedIn(ctx, r.AuthenticationResult.AccessToken);
    if ("ChallengeName" in r && r.ChallengeName === "SELECT_CHALLENGE")
      return { kind: "failed", errorName: "PasswordlessUnavailable" };
    return toChallenge(r, username);
  });
}

/** NEW_PASSWORD_REQUIRED, through the same engine as RespondToAuthChallenge. */
export function completeNewPassword(
  deps: OAuthDeps,
  sourceIp: string,
  client: ClientRecord,
  step: { session: string; username: string; newPassword: string; attributes: Record<string, string> },
): Promise<SignInResult> {
  return run(async () => {
    const ctx = engineContext(deps, sourceIp, client);
    const responses: Record<string, string> = {
      USERNAME: step.username,
      NEW_PASSWORD: step.newPassword,
      ...secretHash(client, step.username),
    };
    for (const [k, v] of Object.entries(step.attributes)) responses[`userAttributes.${k}`] = v;
    const r = await respondToAuthChallenge(
      ctx,
      { clientId: client.clientId, challengeName: "NEW_PASSWORD_REQUIRED", session: step.session, responses },
      false,
    );
    if (r.AuthenticationResult?.AccessToken) return toSignedIn(ctx, r.AuthenticationResult.AccessToken);
    return toChallenge(r, step.username);
  });
}

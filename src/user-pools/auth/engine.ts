import { ServiceError } from "../../protocol/aws-json/errors.ts";
import { clientConfig, requireClient, requirePool } from "../domain/pools.ts";
import { checkSecretHash } from "../domain/secret-hash.ts";
import { findUser } from "../domain/users.ts";
import type { OperationContext } from "../operation.ts";
import { challenges } from "./challenges/index.ts";
import { signInDevice } from "./devices/sign-in.ts";
import { authFlows } from "./flows/index.ts";
import { type AuthOutcome, type AuthRequest, toAuthResponse } from "./outcome.ts";

interface Start {
  clientId: string;
  /** Set by AdminInitiateAuth; the client must belong to it. */
  poolId?: string;
  flow: string;
  params: Record<string, string> | undefined;
}

async function prepare(
  ctx: OperationContext,
  clientId: string,
  poolId: string | undefined,
  params: Record<string, string> | undefined,
  admin: boolean,
): Promise<AuthRequest> {
  if (poolId !== undefined) await requirePool(ctx, poolId);
  const client = await requireClient(ctx, clientId, poolId);
  const pool = await requirePool(ctx, client.poolId);
  return { ctx, pool, client, admin, params: params ?? {} };
}

/** InitiateAuth and AdminInitiateAuth: picks the flow from the registry, enforces the client's ExplicitAuthFlows. */
export async function initiateAuth(ctx: OperationContext, s: Start, admin: boolean) {
  const req = await prepare(ctx, s.clientId, s.poolId, s.params, admin);
  const flow = authFlows[s.flow];
  if (!flow) {
    if (
      s.flow === "ADMIN_USER_PASSWORD_AUTH" ||
      s.flow === "ADMIN_NO_SRP_AUTH" ||
      (admin && s.flow === "USER_PASSWORD_AUTH")
    ) {
      throw new ServiceError("InvalidParameterException", "Initiate Auth method not supported.");
    }
    throw new ServiceError("NotImplementedException", `cognate does not implement the ${s.flow} flow yet.`);
  }
  if ((flow.via === "admin" && !admin) || (flow.via === "public" && admin)) {
    throw new ServiceError("InvalidParameterException", "Initiate Auth method not supported.");
  }
  if (
    flow.flow.startsWith("REFRESH_TOKEN") &&
    clientConfig(req.client).RefreshTokenRotation?.Feature === "ENABLED"
  ) {
    // With rotation on, refreshes go through GetTokensFromRefreshToken (API reference, RefreshTokenRotationType).
    throw new ServiceError(
      "NotAuthorizedException",
      "Refresh token rotation is enabled for this client; refresh with GetTokensFromRefreshToken.",
    );
  }
  const enabled = clientConfig(req.client).ExplicitAuthFlows ?? [];
  if (!flow.allowedBy.some((f) => enabled.includes(f as never))) {
    // Cognito's answer, e.g. "InvalidParameterException: USER_PASSWORD_AUTH flow not enabled for this client".
    throw new ServiceError(
      "InvalidParameterException",
      flow.notEnabled ??
        (flow.flow === "USER_PASSWORD_AUTH"
          ? "USER_PASSWORD_AUTH flow not enabled for this client"
          : "Auth flow not enabled for this client"),
    );
  }
  return toAuthResponse(await flow.start(req));
}

interface Respond {
  clientId: string;
  poolId?: string;
  challengeName: string;
  session: string | undefined;
  responses: Record<string, string> | undefined;
}

/** RespondToAuthChallenge and AdminRespondToAuthChallenge. */
export async function respondToAuthChallenge(ctx: OperationContext, r: Respond, admin: boolean) {
  const req = await prepare(ctx, r.clientId, r.poolId, r.responses, admin);
  const challenge = challenges[r.challengeName];
  if (!challenge)
    throw new ServiceError(
      "NotImplementedException",
      `cognate does not implement the ${r.challengeName} challenge yet.`,
    );
  const username = req.params.USERNAME;
  if (!username) throw new ServiceError("InvalidParameterException", "Missing required parameter USERNAME");
  // PASSWORD_VERIFIER answers may come without Session: the SECRET_BLOCK is the session then.
  const session = (await challenge.pendingSession?.(req)) ?? r.session ?? challenge.sessionFrom?.(req.params);
  if (!session) throw new ServiceError("InvalidParameterException", "Missing required parameter Session");
  checkSecretHash(req.client, username, req.params.SECRET_HASH);
  const state = ctx.services.sessions.open(session);
  const invalid = () => new ServiceError("NotAuthorizedException", "Invalid session for the user.");
  if (
    state.clientId !== req.client.clientId ||
    state.poolId !== req.pool.id ||
    state.challenge !== r.challengeName
  )
    throw invalid();
  // A decoy session (unknown user, PreventUserExistenceErrors) carries no user id.
  if (!state.userId) return toAuthResponse(await challenge.respond(req, state, undefined));
  const user = await ctx.store.users.getById(req.pool.id, state.userId);
  if (!user) throw new ServiceError("UserNotFoundException", "User does not exist.");
  // USERNAME may be the username, an alias or the sub, but must name the session's user.
  if (
    username !== user.username &&
    username !== user.id &&
    (await findUser(ctx, req.pool, username))?.id !== user.id
  )
    throw invalid();
  // A DEVICE_KEY the user does not have is refused before the session is used (auth/devices/sign-in.ts).
  await signInDevice(req, user);
  const outcome: AuthOutcome = await challenge.respond(req, state, user);
  return toAuthResponse(outcome);
}

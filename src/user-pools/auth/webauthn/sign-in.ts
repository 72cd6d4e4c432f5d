import { type AuthenticationResponseJSON, verifyAuthenticationResponse } from "@simplewebauthn/server";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import type { UserRecord } from "../../../storage/records.ts";
import { clientConfig } from "../../domain/pools.ts";
import type { Challenge } from "../challenges/types.ts";
import { issueTokens, sealSession } from "../complete.ts";
import { requireParam } from "../flows/types.ts";
import type { AuthOutcome, AuthRequest } from "../outcome.ts";
import { unknownUser } from "../password-check.ts";
import { clientData, newChallenge, objectField } from "./ceremony.ts";
import { CEREMONY_TIMEOUT_MS, MAX_PASSKEYS } from "./registration.ts";
import { originAllowed, relyingParty } from "./relying-party.ts";

/** What the WEB_AUTHN session carries: the challenge the assertion must sign, and the RP's rules. */
interface WebAuthnSessionData {
  challenge: string;
  rpId: string;
  userVerification: "required" | "preferred";
}

/**
 * The WEB_AUTHN challenge (USER_AUTH with PREFERRED_CHALLENGE=WEB_AUTHN, or SELECT_CHALLENGE
 * answered WEB_AUTHN): CREDENTIAL_REQUEST_OPTIONS is PublicKeyCredentialRequestOptionsJSON as a
 * JSON string, listing the user's passkeys (API reference, RespondToAuthChallenge). An unknown
 * user gets the same answer with no passkeys when PreventUserExistenceErrors is ENABLED.
 */
export async function startWebAuthn(
  req: AuthRequest,
  user: UserRecord | undefined,
  typedName: string,
): Promise<AuthOutcome> {
  if (!user && clientConfig(req.client).PreventUserExistenceErrors !== "ENABLED")
    throw unknownUser(req.client);
  const rp = relyingParty(req.ctx.config, req.pool);
  const challenge = newChallenge(req.ctx.random.bytes(32));
  const passkeys = user ? (await req.ctx.store.webauthn.listForUser(user.id, MAX_PASSKEYS)).items : [];
  const options = {
    challenge,
    timeout: CEREMONY_TIMEOUT_MS,
    rpId: rp.id,
    allowCredentials: passkeys.map((c) => ({
      type: "public-key",
      id: c.credentialId,
      transports: c.transports,
    })),
    userVerification: rp.userVerification,
  };
  const data: WebAuthnSessionData = { challenge, rpId: rp.id, userVerification: rp.userVerification };
  const session = user
    ? sealSession(req, user, "WEB_AUTHN", "USER_AUTH", { ...data })
    : req.ctx.services.sessions.seal({
        poolId: req.pool.id,
        clientId: req.client.clientId,
        userId: "",
        username: typedName,
        challenge: "WEB_AUTHN",
        flow: "USER_AUTH",
      });
  return {
    kind: "challenge",
    name: "WEB_AUTHN",
    parameters: { CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(options) },
    session,
  };
}

/** Cognito documents no wording for a refused passkey; cognate answers like its other session errors. */
const refused = () => new ServiceError("NotAuthorizedException", "Invalid passkey credential for the user.");

/**
 * WEB_AUTHN answered with CREDENTIAL, the AuthenticationResponseJSON as a JSON string. The session
 * works once; the assertion must sign its challenge, come from an allowed origin, use one of the
 * user's passkeys and carry a signature counter above the stored one (or 0 from authenticators
 * that keep none). A passkey is a whole sign-in: tokens follow (developer guide, "Passwordless").
 */
export const webAuthnChallenge: Challenge = {
  challenge: "WEB_AUTHN",
  async respond(req, state, user) {
    const raw = requireParam(req.params, "CREDENTIAL");
    await req.ctx.services.sessions.consume(state);
    if (!user) throw refused();
    let assertion: Record<string, unknown>;
    try {
      assertion = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      throw new ServiceError(
        "InvalidParameterException",
        "CREDENTIAL must be an AuthenticationResponseJSON object.",
      );
    }
    const data = state.data as unknown as WebAuthnSessionData;
    const client = clientData(objectField(assertion, "response")?.clientDataJSON);
    const id = typeof assertion.id === "string" ? assertion.id : undefined;
    const stored = id ? await req.ctx.store.webauthn.get(id) : undefined;
    if (
      !client ||
      !stored ||
      stored.userId !== user.id ||
      !originAllowed(client.origin, data.rpId, req.ctx.config)
    ) {
      throw refused();
    }
    let newCounter: number;
    try {
      const result = await verifyAuthenticationResponse({
        response: assertion as unknown as AuthenticationResponseJSON,
        expectedChallenge: data.challenge,
        expectedOrigin: client.origin,
        expectedRPID: data.rpId,
        credential: {
          id: stored.credentialId,
          publicKey: Buffer.from(stored.publicKey, "base64url"),
          counter: stored.signCount,
        },
        requireUserVerification: data.userVerification === "required",
      });
      if (!result.verified) throw refused();
      newCounter = result.authenticationInfo.newCounter;
    } catch {
      // A wrong signature, challenge or RP, or a counter that did not move forward (a cloned authenticator).
      throw refused();
    }
    const now = req.ctx.clock.nowMs();
    if (!(await req.ctx.store.webauthn.recordUse(stored.credentialId, stored.signCount, newCounter, now)))
      throw refused();
    if (!user.enabled) throw new ServiceError("NotAuthorizedException", "User is disabled.");
    if (user.status === "UNCONFIRMED")
      throw new ServiceError("UserNotConfirmedException", "User is not confirmed.");
    return issueTokens(req, user);
  },
};

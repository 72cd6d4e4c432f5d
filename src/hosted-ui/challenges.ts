import { renderSVG } from "uqr";
import type { AuthorizeRequest } from "../oauth/authorize.ts";
import type { OAuthDeps } from "../oauth/context.ts";
import { ServiceError } from "../protocol/aws-json/errors.ts";
import type { ClientRecord } from "../storage/records.ts";
import { respondToAuthChallenge } from "../user-pools/auth/engine.ts";
import AssociateSoftwareToken from "../user-pools/operations/mfa/AssociateSoftwareToken.ts";
import VerifySoftwareToken from "../user-pools/operations/mfa/VerifySoftwareToken.ts";
import { brandingFor } from "./branding.ts";
import { messages } from "./messages.ts";
import type { Site } from "./session.ts";
import { engineContext, run, type SignInResult, secretHash, toChallenge, toSignedIn } from "./sign-in.ts";
import type { Branding } from "./views/layout.tsx";
import { MfaCodeView, SelectMfaView } from "./views/mfa.tsx";
import { TotpSetupView } from "./views/totp-setup.tsx";

type Challenge = Extract<SignInResult, { kind: "challenge" }>;
type FormPage = (
  status: number,
  view: (csrf: string) => import("hono/jsx/jsx-runtime").JSX.Element,
) => Promise<Response>;

/** The form steps of the MFA pages (the hidden `step` field). */
export const CHALLENGE_STEPS = new Set(["mfa", "select_mfa", "mfa_setup"]);

/** The response parameter that carries the code of each code challenge (API reference, RespondToAuthChallenge). */
const CODE_PARAMETER: Record<string, string> = {
  SMS_MFA: "SMS_MFA_CODE",
  EMAIL_OTP: "EMAIL_OTP_CODE",
  SMS_OTP: "SMS_OTP_CODE",
  SOFTWARE_TOKEN_MFA: "SOFTWARE_TOKEN_MFA_CODE",
};

const mfaError = (name: string) =>
  messages.mfa.errors[name] ?? messages.authErrors[name] ?? messages.authErrors.fallback!;

/** The otpauth:// URI authenticator apps read (Google Authenticator's Key Uri Format). */
export function otpauthUri(issuer: string, username: string, secret: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(username)}`;
  return `otpauth://totp/${label}?secret=${secret}&issuer=${encodeURIComponent(issuer)}`;
}

const qrDataUrl = (text: string) =>
  `data:image/svg+xml;base64,${Buffer.from(renderSVG(text, { border: 2 })).toString("base64")}`;

/**
 * The page for a challenge the engine asked for. MFA_SETUP first associates a new TOTP secret with
 * the session (AssociateSoftwareToken), so the page shows the secret and its QR code.
 */
export async function challengePage(
  deps: OAuthDeps,
  sourceIp: string,
  site: Site,
  req: AuthorizeRequest,
  c: Challenge,
  formPage: FormPage,
  status = 200,
  error?: string,
): Promise<Response> {
  const action = `${site.base}/login?${req.query}`;
  const branding = await brandingFor(deps, site, req.client.clientId);
  const common = { action, session: c.session, username: c.username, branding, ...(error ? { error } : {}) };
  if (c.challengeName === "SELECT_MFA_TYPE") {
    const options = JSON.parse(c.parameters.MFAS_CAN_CHOOSE ?? "[]") as string[];
    return formPage(status, (csrf) => SelectMfaView({ ...common, csrf, options }));
  }
  if (c.challengeName === "MFA_SETUP") {
    const canSetUp = JSON.parse(c.parameters.MFAS_CAN_SETUP ?? "[]") as string[];
    if (!canSetUp.includes("SOFTWARE_TOKEN_MFA")) return formPage(400, (csrf) => failedView(csrf, common));
    try {
      const ctx = engineContext(deps, sourceIp, req.client);
      const r = await AssociateSoftwareToken.handle({ Session: c.session }, ctx);
      return totpSetupPage(
        deps,
        site,
        req,
        { ...c, session: r.Session! },
        r.SecretCode!,
        formPage,
        status,
        error,
      );
    } catch (e) {
      if (e instanceof ServiceError)
        return formPage(400, (csrf) => failedView(csrf, { ...common, error: mfaError(e.name) }));
      throw e;
    }
  }
  return formPage(status, (csrf) =>
    MfaCodeView({
      ...common,
      csrf,
      challengeName: c.challengeName,
      destination: c.parameters.CODE_DELIVERY_DESTINATION,
    }),
  );
}

const failedView = (
  csrf: string,
  p: { action: string; session: string; username: string; error?: string; branding: Branding },
) => SelectMfaView({ ...p, csrf, options: [], error: p.error ?? messages.mfa.setupUnavailable });

async function totpSetupPage(
  deps: OAuthDeps,
  site: Site,
  req: AuthorizeRequest,
  c: Challenge,
  secret: string,
  formPage: FormPage,
  status: number,
  error?: string,
) {
  const issuer = req.client.name || site.pool.name;
  const uri = otpauthUri(issuer, c.username, secret);
  const branding = await brandingFor(deps, site, req.client.clientId);
  return formPage(status, (csrf) =>
    TotpSetupView({
      action: `${site.base}/login?${req.query}`,
      csrf,
      session: c.session,
      username: c.username,
      secret,
      uri,
      qrCode: qrDataUrl(uri),
      branding,
      ...(error ? { error } : {}),
    }),
  );
}

function respond(
  deps: OAuthDeps,
  sourceIp: string,
  client: ClientRecord,
  challengeName: string,
  session: string,
  username: string,
  answers: Record<string, string>,
): Promise<SignInResult> {
  return run(async () => {
    const ctx = engineContext(deps, sourceIp, client);
    const r = await respondToAuthChallenge(
      ctx,
      {
        clientId: client.clientId,
        challengeName,
        session,
        responses: { USERNAME: username, ...answers, ...secretHash(client, username) },
      },
      false,
    );
    if (r.AuthenticationResult?.AccessToken) return toSignedIn(ctx, r.AuthenticationResult.AccessToken);
    return toChallenge(r, username);
  });
}

/**
 * A submitted MFA form: the code of SMS_MFA / EMAIL_OTP / SOFTWARE_TOKEN_MFA, the factor chosen at
 * SELECT_MFA_TYPE, or the first TOTP code at MFA_SETUP (VerifySoftwareToken, then MFA_SETUP answered
 * with the verified session). Returns the engine's result, or the same page again with an error.
 */
export async function challengeStep(
  deps: OAuthDeps,
  sourceIp: string,
  site: Site,
  req: AuthorizeRequest,
  form: URLSearchParams,
  formPage: FormPage,
): Promise<SignInResult | Response> {
  const step = form.get("step");
  const session = form.get("session") ?? "";
  const username = form.get("username") ?? "";
  const challengeName = form.get("challenge") ?? "";
  const code = (form.get("code") ?? "").replace(/\s+/g, "");
  const again = (c: Challenge, error: string) =>
    challengePage(deps, sourceIp, site, req, c, formPage, 400, error);

  if (step === "select_mfa") {
    return respond(deps, sourceIp, req.client, "SELECT_MFA_TYPE", session, username, {
      ANSWER: form.get("answer") ?? "",
    });
  }
  if (step === "mfa_setup") {
    const secret = form.get("secret") ?? "";
    const c: Challenge = { kind: "challenge", challengeName: "MFA_SETUP", session, username, parameters: {} };
    if (!/^\d{6}$/.test(code))
      return totpSetupPage(deps, site, req, c, secret, formPage, 400, messages.mfa.codeFormat);
    try {
      const ctx = engineContext(deps, sourceIp, req.client);
      const v = await VerifySoftwareToken.handle({ Session: session, UserCode: code }, ctx);
      return respond(deps, sourceIp, req.client, "MFA_SETUP", v.Session!, username, {});
    } catch (e) {
      if (!(e instanceof ServiceError)) throw e;
      if (e.name === "EnableSoftwareTokenMFAException" || e.name === "CodeMismatchException")
        return totpSetupPage(deps, site, req, c, secret, formPage, 400, mfaError(e.name));
      return { kind: "failed", errorName: e.name };
    }
  }
  const parameter = CODE_PARAMETER[challengeName];
  if (!parameter) return { kind: "failed", errorName: "InvalidParameterException" };
  const c: Challenge = {
    kind: "challenge",
    challengeName,
    session,
    username,
    parameters: form.get("destination") ? { CODE_DELIVERY_DESTINATION: form.get("destination")! } : {},
  };
  if (!/^\d{6,8}$/.test(code)) return again(c, messages.mfa.codeFormat);
  const result = await respond(deps, sourceIp, req.client, challengeName, session, username, {
    [parameter]: code,
  });
  // A wrong code leaves the session usable for another try (engine: auth/mfa/challenges.ts).
  if (result.kind === "failed" && result.errorName === "CodeMismatchException")
    return again(c, mfaError(result.errorName));
  return result;
}

import type { JSX } from "hono/jsx/jsx-runtime";
import { type AuthorizeRequest, checkAuthorizeRequest, completeAuthorization } from "../oauth/authorize.ts";
import type { OAuthDeps } from "../oauth/context.ts";
import { providerButtons } from "../oauth/federation/start.ts";
import { poolConfig } from "../user-pools/domain/pools.ts";
import { effectiveCustomization, logoPath } from "../user-pools/operations/misc/ui-customization.ts";
import { CHALLENGE_STEPS, challengePage, challengeStep } from "./challenges.ts";
import { isSecure, setCookie } from "./cookies.ts";
import { CSRF_COOKIE, CSRF_FIELD, checkCsrf, csrfFor } from "./csrf.ts";
import { messages } from "./messages.ts";
import { renderPage } from "./render.ts";
import { pagePath, signUpAllowed } from "./self-service.ts";
import { currentSession, type Site, startSession } from "./session.ts";
import { completeNewPassword, type SignInResult, signInWithCode, signInWithPassword } from "./sign-in.ts";
import { LoginView } from "./views/login.tsx";
import { NewPasswordView } from "./views/new-password.tsx";

const errorText = (name: string) => messages.authErrors[name] ?? messages.authErrors.fallback!;

/** Renders a form page with a CSRF token, setting the CSRF cookie when the browser has none yet. */
export async function formPage(
  deps: OAuthDeps,
  site: Site,
  request: Request,
  status: number,
  view: (csrf: string) => JSX.Element,
): Promise<Response> {
  const csrf = await csrfFor(deps, request);
  const headers = new Headers();
  if (csrf.fresh)
    headers.append(
      "set-cookie",
      setCookie(CSRF_COOKIE, csrf.nonce, {
        path: site.base || "/",
        maxAgeSeconds: 3600,
        secure: isSecure(request),
      }),
    );
  return renderPage(view(csrf.token), status, headers);
}

export async function loginPage(
  deps: OAuthDeps,
  site: Site,
  request: Request,
  req: AuthorizeRequest,
  status = 200,
  error?: string,
  username?: string,
  notice?: string,
) {
  const providers = await providerButtons(deps, site, req);
  const ui = await effectiveCustomization(deps, site.pool.id, req.client.clientId);
  const branding = {
    ...(ui?.css ? { css: ui.css } : {}),
    ...(ui?.image ? { logoUrl: `${site.base}${logoPath(ui.clientId)}` } : {}),
  };
  return formPage(deps, site, request, status, (csrf) =>
    LoginView({
      action: `${site.base}/login?${req.query}`,
      csrf,
      clientName: req.client.name,
      providers,
      branding,
      codeFactors: (poolConfig(site.pool).Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? []).filter(
        (f) => f === "EMAIL_OTP" || f === "SMS_OTP",
      ),
      links: {
        forgotPassword: pagePath(site, req, "/forgotPassword"),
        ...(signUpAllowed(site) ? { signUp: pagePath(site, req, "/signup") } : {}),
      },
      ...(notice ? { notice } : {}),
      ...(error ? { error } : {}),
      ...(username ? { username } : {}),
    }),
  );
}

/** The API's per-IP sign-in limit (rateLimitPerMinute, off in dev mode), counted for the form as well. */
async function throttled(deps: OAuthDeps, sourceIp: string): Promise<boolean> {
  const limit = deps.config.dev ? 0 : deps.config.rateLimitPerMinute;
  if (!limit) return false;
  const windowStart = Math.floor(deps.clock.nowMs() / 60_000) * 60_000;
  return (await deps.store.rateLimits.hit(`ip:${sourceIp}:HostedSignIn`, windowStart)) > limit;
}

/**
 * `GET /login`: the hosted sign-in page for an authorization request (same parameters as
 * /oauth2/authorize, checked the same way). A browser that is already signed in goes straight on.
 */
export async function loginPageEndpoint(
  deps: OAuthDeps,
  site: Site,
  request: Request,
  sourceIp: string,
): Promise<Response> {
  const checked = await checkAuthorizeRequest(deps, site, new URL(request.url).searchParams);
  if ("kind" in checked) return checked.response;
  if (checked.prompt !== "login") {
    const session = await currentSession(deps, site, request);
    if (session)
      return completeAuthorization(
        deps,
        site,
        checked,
        { userId: session.userId, authTime: session.authTime },
        sourceIp,
      );
  }
  return loginPage(deps, site, request, checked);
}

/**
 * `POST /login`: the sign-in form (or its new-password step). Checks the CSRF token, signs in through
 * the API's engine, then starts the hosted-UI session and finishes the authorization request.
 */
export async function loginSubmitEndpoint(
  deps: OAuthDeps,
  site: Site,
  request: Request,
  sourceIp: string,
): Promise<Response> {
  const checked = await checkAuthorizeRequest(deps, site, new URL(request.url).searchParams);
  if ("kind" in checked) return checked.response;
  const type = request.headers.get("content-type") ?? "";
  const form = type.startsWith("application/x-www-form-urlencoded")
    ? new URLSearchParams(await request.text())
    : new URLSearchParams();
  if (!(await checkCsrf(deps, request, form.get(CSRF_FIELD))))
    return loginPage(deps, site, request, checked, 403, messages.csrf);
  if (await throttled(deps, sourceIp))
    return loginPage(deps, site, request, checked, 429, errorText("TooManyRequestsException"));

  let result: SignInResult;
  const page = (status: number, view: (csrf: string) => JSX.Element) =>
    formPage(deps, site, request, status, view);
  if (CHALLENGE_STEPS.has(form.get("step") ?? "")) {
    const answered = await challengeStep(deps, sourceIp, site, checked, form, page);
    if (answered instanceof Response) return answered;
    result = answered;
  } else if (form.get("step") === "new_password") {
    const session = form.get("session") ?? "";
    const username = form.get("username") ?? "";
    const newPassword = form.get("new_password") ?? "";
    const attributes: Record<string, string> = {};
    for (const [k, v] of form)
      if (k.startsWith("userAttributes.")) attributes[k.slice("userAttributes.".length)] = v;
    const again = (error: string) =>
      formPage(deps, site, request, 400, (csrf) =>
        NewPasswordView({
          action: `${site.base}/login?${checked.query}`,
          csrf,
          session,
          username,
          requiredAttributes: Object.keys(attributes),
          error,
        }),
      );
    if (newPassword !== form.get("confirm_password")) return again(messages.newPassword.mismatch);
    result = await completeNewPassword(deps, sourceIp, checked.client, {
      session,
      username,
      newPassword,
      attributes,
    });
    if (result.kind === "failed" && result.errorName === "InvalidPasswordException")
      return again(errorText(result.errorName));
  } else {
    const username = (form.get("username") ?? "").trim();
    const password = form.get("password") ?? "";
    const method = form.get("method");
    if (method === "EMAIL_OTP" || method === "SMS_OTP") {
      if (!username) return loginPage(deps, site, request, checked, 400, messages.missingUsername);
      result = await signInWithCode(deps, sourceIp, checked.client, username, method);
    } else if (!username || !password)
      return loginPage(deps, site, request, checked, 400, messages.missingCredentials, username);
    else result = await signInWithPassword(deps, sourceIp, checked.client, username, password);
  }

  if (result.kind === "failed")
    return loginPage(
      deps,
      site,
      request,
      checked,
      400,
      (CHALLENGE_STEPS.has(form.get("step") ?? "") && messages.mfa.errors[result.errorName]) ||
        errorText(result.errorName),
      form.get("username") ?? undefined,
    );
  if (result.kind === "new-password") {
    return formPage(deps, site, request, 200, (csrf) =>
      NewPasswordView({
        action: `${site.base}/login?${checked.query}`,
        csrf,
        session: result.session,
        username: result.username,
        requiredAttributes: result.requiredAttributes,
      }),
    );
  }
  if (result.kind === "challenge") return challengePage(deps, sourceIp, site, checked, result, page);
  const cookie = await startSession(deps, site, request, result.userId, result.authTime);
  return completeAuthorization(deps, site, checked, result, sourceIp, { "set-cookie": cookie });
}

import type { JSX } from "hono/jsx/jsx-runtime";
import { type AuthorizeRequest, checkAuthorizeRequest } from "../oauth/authorize.ts";
import { type OAuthDeps, operationContext } from "../oauth/context.ts";
import { ServiceError } from "../protocol/aws-json/errors.ts";
import { cognitoIdpModel } from "../protocol/aws-json/generated/cognito-idp.ts";
import { validateInput } from "../protocol/aws-json/validate.ts";
import type { ClientRecord } from "../storage/records.ts";
import { poolConfig } from "../user-pools/domain/pools.ts";
import { computeSecretHash } from "../user-pools/domain/secret-hash.ts";
import type { Operation, OperationContext, UserPoolOperationName } from "../user-pools/operation.ts";
import ConfirmForgotPassword from "../user-pools/operations/self-service/ConfirmForgotPassword.ts";
import ConfirmSignUp from "../user-pools/operations/self-service/ConfirmSignUp.ts";
import ForgotPassword from "../user-pools/operations/self-service/ForgotPassword.ts";
import ResendConfirmationCode from "../user-pools/operations/self-service/ResendConfirmationCode.ts";
import SignUp from "../user-pools/operations/self-service/SignUp.ts";
import { brandingFor } from "./branding.ts";
import { CSRF_FIELD, checkCsrf } from "./csrf.ts";
import { formPage, loginPage } from "./login.ts";
import { messages } from "./messages.ts";
import type { Site } from "./session.ts";
import { type Field, FormView, type FormViewProps, passwordFields } from "./views/sign-up.tsx";

/** A self-service page of managed login: the authorize request it belongs to and the submitted form. */
interface Page {
  deps: OAuthDeps;
  site: Site;
  request: Request;
  sourceIp: string;
  req: AuthorizeRequest;
  form: URLSearchParams;
  /** Set when a POST failed and its page is shown again. */
  status?: number;
  error?: string;
}
type Handler = (deps: OAuthDeps, site: Site, request: Request, sourceIp: string) => Promise<Response>;

const m = messages.selfService;

/** The path of a hosted page with the authorize request's parameters, as every managed-login link carries them. */
export const pagePath = (
  site: Site,
  req: AuthorizeRequest,
  path: string,
  extra: Record<string, string> = {},
) => {
  const q = new URLSearchParams(req.query);
  q.delete("username");
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return `${site.base}${path}?${q}`;
};

/** Whether users may sign themselves up (AdminCreateUserConfig.AllowAdminCreateUserOnly is false). */
export const signUpAllowed = (site: Site) =>
  !poolConfig(site.pool).AdminCreateUserConfig?.AllowAdminCreateUserOnly;

const secretHash = (client: ClientRecord, username: string) =>
  client.secret ? { SecretHash: computeSecretHash(client.secret, username, client.clientId) } : {};

const errorText = (e: ServiceError) =>
  e.name === "InvalidPasswordException"
    ? e.message // Cognito's hosted UI shows the policy message, e.g. "Password did not conform with policy: …".
    : (m.errors[e.name] ?? messages.authErrors[e.name] ?? messages.authErrors.fallback!);

/** Wraps a page: checks the authorize request and, for a POST, the form's CSRF token. */
function endpoint(
  get: (p: Page) => Promise<Response>,
  post?: (p: Page, render: (status: number, error?: string) => Promise<Response>) => Promise<Response>,
): Handler {
  return async (deps, site, request, sourceIp) => {
    const req = await checkAuthorizeRequest(deps, site, new URL(request.url).searchParams);
    if ("kind" in req) return req.response;
    const url = new URL(request.url);
    if (request.method !== "POST" || !post)
      return get({ deps, site, request, sourceIp, req, form: url.searchParams });
    const type = request.headers.get("content-type") ?? "";
    const form = type.startsWith("application/x-www-form-urlencoded")
      ? new URLSearchParams(await request.text())
      : new URLSearchParams();
    const page: Page = { deps, site, request, sourceIp, req, form };
    const render = (status: number, error?: string) => get({ ...page, status, ...(error ? { error } : {}) });
    if (!(await checkCsrf(deps, request, form.get(CSRF_FIELD)))) return render(403, messages.csrf);
    try {
      return await post(page, render);
    } catch (e) {
      if (e instanceof ServiceError) return render(400, errorText(e));
      throw e;
    }
  };
}

/** Renders a FormView with the page's status and error (set by `endpoint` when a POST fails). */
async function show(p: Page, view: Omit<FormViewProps, "csrf" | "action">, path: string): Promise<Response> {
  const { status = 200, error } = p;
  const branding = await brandingFor(p.deps, p.site, p.req.client.clientId);
  const props = (csrf: string): FormViewProps => ({
    ...view,
    branding,
    csrf,
    action: pagePath(p.site, p.req, path),
    ...(error ? { error } : {}),
  });
  return formPage(p.deps, p.site, p.request, status, (csrf): JSX.Element => FormView(props(csrf)));
}

const ctxOf = (p: Page) => operationContext(p.deps, p.sourceIp);

/** Runs an operation as the dispatcher does: the model's checks (lengths, patterns) first, then the handler. */
function call<I, O>(op: Operation<I, O>, input: I, ctx: OperationContext): Promise<O> {
  const shape = (cognitoIdpModel.operations[op.name as UserPoolOperationName] as { input?: string }).input;
  if (shape) validateInput(cognitoIdpModel, shape, input);
  return op.handle(input, ctx);
}
const value = (p: Page, name: string) => (p.form.get(name) ?? "").trim();

/** The sign-up fields: a username (or the attribute that serves as one), a password, the schema's required attributes. */
function signUpFields(p: Page): Field[] {
  const cfg = poolConfig(p.site.pool);
  const usernameAttrs = cfg.UsernameAttributes ?? [];
  const fields: Field[] = [];
  const byEmail = usernameAttrs.includes("email");
  fields.push(
    byEmail
      ? { name: "username", label: m.email, type: "email", autocomplete: "email" }
      : { name: "username", label: messages.signIn.username, type: "text", autocomplete: "username" },
  );
  const wanted = new Set<string>();
  for (const s of cfg.SchemaAttributes ?? [])
    if (s.Required && s.Name && s.Name !== "sub" && s.Mutable !== false) wanted.add(s.Name);
  for (const a of cfg.AutoVerifiedAttributes ?? []) wanted.add(a);
  if (byEmail) wanted.delete("email");
  for (const name of wanted) {
    const kind = name === "email" ? "email" : name === "phone_number" ? "tel" : "text";
    fields.push({
      name: `userAttributes.${name}`,
      label: m.attributeLabel[name] ?? name,
      type: kind,
      autocomplete:
        name === "email" ? "email" : name === "phone_number" ? "tel" : name === "name" ? "name" : "on",
      ...(name === "phone_number" ? { hint: m.phoneHint } : {}),
    });
  }
  for (const f of fields) f.value = value(p, f.name);
  return [...fields, ...passwordFields()];
}

const confirmView = (p: Page, username: string, intro: string) =>
  show(
    p,
    {
      title: m.confirmTitle,
      heading: m.confirmHeading,
      intro,
      hidden: { username },
      fields: [
        { name: "code", label: m.code, type: "text", autocomplete: "one-time-code", inputmode: "numeric" },
      ],
      submit: m.confirmSubmit,
      secondary: { name: "resend", text: m.resend },
      links: [{ href: pagePath(p.site, p.req, "/login"), text: m.backToSignIn }],
    },
    "/confirm",
  );

const resetView = (p: Page, username: string, intro: string) =>
  show(
    p,
    {
      title: m.resetTitle,
      heading: m.resetHeading,
      intro,
      hidden: { username },
      fields: [
        { name: "code", label: m.code, type: "text", autocomplete: "one-time-code", inputmode: "numeric" },
        ...passwordFields(true),
      ],
      submit: m.resetSubmit,
      secondary: { name: "resend", text: m.resend },
      links: [{ href: pagePath(p.site, p.req, "/login"), text: m.backToSignIn }],
    },
    "/confirmForgotPassword",
  );

const delivered = (d: { DeliveryMedium?: string; Destination?: string } | undefined) =>
  d?.Destination
    ? m.codeSent(d.DeliveryMedium === "SMS" ? m.bySms : m.byEmail, d.Destination)
    : m.codeSentSomewhere;

const backToLogin = (p: Page, username: string, notice: string) =>
  loginPage(p.deps, p.site, p.request, p.req, 200, undefined, username, notice);

/** `/signup`: SignUp through the operation, then the confirm page (or sign-in when no code is needed). */
export const signUpEndpoint = endpoint(
  async (p) => {
    if (!signUpAllowed(p.site)) return loginPage(p.deps, p.site, p.request, p.req, 403, m.signUpDisabled);
    return show(
      p,
      {
        title: m.signUpTitle,
        heading: m.signUpHeading,
        intro: messages.signIn.forClient(p.req.client.name),
        fields: signUpFields(p),
        submit: m.signUpSubmit,
        links: [{ href: pagePath(p.site, p.req, "/login"), text: m.haveAccount }],
      },
      "/signup",
    );
  },
  async (p, render) => {
    if (!signUpAllowed(p.site)) return render(403, m.signUpDisabled);
    const username = value(p, "username");
    const password = p.form.get("password") ?? "";
    if (!username || !password) return render(400, m.missingFields);
    if (password !== p.form.get("confirm_password")) return render(400, messages.newPassword.mismatch);
    const attributes = [...p.form]
      .filter(([k, v]) => k.startsWith("userAttributes.") && v.trim())
      .map(([k, v]) => ({ Name: k.slice("userAttributes.".length), Value: v.trim() }));
    const r = await call(
      SignUp,
      {
        ClientId: p.req.client.clientId,
        Username: username,
        Password: password,
        UserAttributes: attributes,
        ...secretHash(p.req.client, username),
      },
      ctxOf(p),
    );
    if (r.UserConfirmed || !r.CodeDeliveryDetails) return backToLogin(p, username, m.signedUp);
    return confirmView(p, username, delivered(r.CodeDeliveryDetails));
  },
);

/** `/confirm`: ConfirmSignUp with the emailed or texted code, then the sign-in page. */
export const confirmEndpoint = endpoint(
  (p) => {
    const username = value(p, "username");
    return confirmView(p, username, m.confirmIntro);
  },
  async (p, render) => {
    const username = value(p, "username");
    const code = value(p, "code").replace(/\s+/g, "");
    if (!username) return render(400, m.missingFields);
    if (p.form.get("resend")) {
      const r = await call(
        ResendConfirmationCode,
        { ClientId: p.req.client.clientId, Username: username, ...secretHash(p.req.client, username) },
        ctxOf(p),
      );
      return confirmView(p, username, delivered(r.CodeDeliveryDetails));
    }
    if (!/^\d{4,8}$/.test(code)) return render(400, messages.mfa.codeFormat);
    await call(
      ConfirmSignUp,
      {
        ClientId: p.req.client.clientId,
        Username: username,
        ConfirmationCode: code,
        ...secretHash(p.req.client, username),
      },
      ctxOf(p),
    );
    return backToLogin(p, username, m.confirmed);
  },
);

/** `/forgotPassword`: ForgotPassword sends a code, then the reset page. */
export const forgotPasswordEndpoint = endpoint(
  (p) =>
    show(
      p,
      {
        title: m.forgotTitle,
        heading: m.forgotHeading,
        intro: m.forgotIntro,
        fields: [
          {
            name: "username",
            label: messages.signIn.username,
            type: "text",
            autocomplete: "username",
            value: value(p, "username"),
          },
        ],
        submit: m.forgotSubmit,
        links: [{ href: pagePath(p.site, p.req, "/login"), text: m.backToSignIn }],
      },
      "/forgotPassword",
    ),
  async (p, render) => {
    const username = value(p, "username");
    if (!username) return render(400, m.missingFields);
    const r = await call(
      ForgotPassword,
      { ClientId: p.req.client.clientId, Username: username, ...secretHash(p.req.client, username) },
      ctxOf(p),
    );
    return resetView(p, username, delivered(r.CodeDeliveryDetails));
  },
);

/** `/confirmForgotPassword`: ConfirmForgotPassword with the code and a new password, then the sign-in page. */
export const confirmForgotPasswordEndpoint = endpoint(
  (p) => resetView(p, value(p, "username"), m.resetIntro),
  async (p, render) => {
    const username = value(p, "username");
    const code = value(p, "code").replace(/\s+/g, "");
    const password = p.form.get("password") ?? "";
    if (username && p.form.get("resend")) {
      const r = await call(
        ForgotPassword,
        { ClientId: p.req.client.clientId, Username: username, ...secretHash(p.req.client, username) },
        ctxOf(p),
      );
      return resetView(p, username, delivered(r.CodeDeliveryDetails));
    }
    if (!username || !password) return render(400, m.missingFields);
    if (!/^\d{4,8}$/.test(code)) return render(400, messages.mfa.codeFormat);
    if (password !== p.form.get("confirm_password")) return render(400, messages.newPassword.mismatch);
    await call(
      ConfirmForgotPassword,
      {
        ClientId: p.req.client.clientId,
        Username: username,
        ConfirmationCode: code,
        Password: password,
        ...secretHash(p.req.client, username),
      },
      ctxOf(p),
    );
    return backToLogin(p, username, m.passwordReset);
  },
);

import { CSRF_FIELD } from "../csrf.ts";
import { messages } from "../messages.ts";
import { type Branding, Layout } from "./layout.tsx";

export interface LoginViewProps {
  action: string;
  csrf: string;
  clientName: string;
  username?: string;
  error?: string;
  /** The client's external identity providers: links that start a federated sign-in. */
  providers?: { name: string; href: string }[];
  branding?: Branding;
  /** A confirmation shown above the form (account confirmed, password reset). */
  notice?: string;
  /** The self-service pages: forgot password always, sign-up unless AllowAdminCreateUserOnly. */
  links?: { forgotPassword: string; signUp?: string };
  /** Passwordless first factors the pool allows (EMAIL_OTP, SMS_OTP): buttons that skip the password. */
  codeFactors?: string[];
}

/** The sign-in form. Labels are tied to inputs; the error is announced to screen readers. */
export function LoginView(p: LoginViewProps) {
  const m = messages.signIn;
  return (
    <Layout title={m.title} branding={p.branding}>
      <h1>{m.heading}</h1>
      <p class="sub textDescription-customizable">{m.forClient(p.clientName)}</p>
      {p.notice ? (
        <div class="notice" role="status">
          {p.notice}
        </div>
      ) : null}
      {p.error ? (
        <div class="alert errorMessage-customizable" role="alert" id="form-error">
          {p.error}
        </div>
      ) : null}
      <form method="post" action={p.action} novalidate={false}>
        <input type="hidden" name={CSRF_FIELD} value={p.csrf} />
        <label for="username">{m.username}</label>
        <span class="hint" id="username-hint">
          {m.usernameHint}
        </span>
        <input
          type="text"
          id="username"
          name="username"
          value={p.username ?? ""}
          autocomplete="username"
          autocapitalize="none"
          spellcheck={false}
          required
          autofocus={!p.username}
          aria-describedby={p.error ? "username-hint form-error" : "username-hint"}
          aria-invalid={p.error ? "true" : undefined}
          class="inputField-customizable"
        />
        <label for="password">{m.password}</label>
        <input
          type="password"
          id="password"
          name="password"
          autocomplete="current-password"
          required
          autofocus={!!p.username}
          aria-invalid={p.error ? "true" : undefined}
          class="inputField-customizable"
        />
        <button class="submitButton-customizable" type="submit">
          {m.submit}
        </button>
        {p.codeFactors?.length ? (
          <>
            <p class="divider">{m.codeDivider}</p>
            {p.codeFactors.map((f) => (
              <button class="secondary" type="submit" name="method" value={f} formnovalidate>
                {m.withCode[f] ?? f}
              </button>
            ))}
          </>
        ) : null}
      </form>
      {p.links ? (
        <p class="links">
          <a class="redirect-customizable" href={p.links.forgotPassword}>
            {messages.selfService.forgotLink}
          </a>
          {p.links.signUp ? (
            <a class="redirect-customizable" href={p.links.signUp}>
              {messages.selfService.signUpLink}
            </a>
          ) : null}
        </p>
      ) : null}
      {p.providers?.length ? (
        <nav class="idps" aria-label={m.federationDivider}>
          <p class="divider">{m.federationDivider}</p>
          {p.providers.map((idp) => (
            <a class="idp idpButton-customizable" href={idp.href}>
              {m.withProvider(idp.name)}
            </a>
          ))}
        </nav>
      ) : null}
    </Layout>
  );
}

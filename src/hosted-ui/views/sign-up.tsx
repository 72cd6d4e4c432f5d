import { CSRF_FIELD } from "../csrf.ts";
import { messages } from "../messages.ts";
import { type Branding, Layout } from "./layout.tsx";
import { FormError } from "./mfa.tsx";

/** One labelled input of a self-service form. */
export interface Field {
  name: string;
  label: string;
  type: "text" | "email" | "tel" | "password";
  autocomplete: string;
  value?: string;
  hint?: string;
  inputmode?: "numeric";
}

export interface FormViewProps {
  action: string;
  csrf: string;
  title: string;
  heading: string;
  intro?: string;
  fields: Field[];
  submit: string;
  error?: string;
  notice?: string;
  /** Hidden values carried to the next step (a username). */
  hidden?: Record<string, string>;
  links?: { href: string; text: string }[];
  /** A second submit button that skips the fields' checks (send a new code). */
  secondary?: { name: string; text: string };
  branding?: Branding;
}

/** The shared shape of the sign-up, confirm and password-reset pages: a heading, fields, one button, links. */
export function FormView(p: FormViewProps) {
  return (
    <Layout title={p.title} branding={p.branding}>
      <h1>{p.heading}</h1>
      {p.intro ? <p class="sub textDescription-customizable">{p.intro}</p> : null}
      {p.notice ? (
        <div class="notice" role="status">
          {p.notice}
        </div>
      ) : null}
      <FormError error={p.error} />
      <form method="post" action={p.action}>
        <input type="hidden" name={CSRF_FIELD} value={p.csrf} />
        {Object.entries(p.hidden ?? {}).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        {p.fields.map((f, i) => (
          <>
            <label for={f.name}>{f.label}</label>
            {f.hint ? (
              <span class="hint" id={`${f.name}-hint`}>
                {f.hint}
              </span>
            ) : null}
            <input
              type={f.type}
              id={f.name}
              name={f.name}
              value={f.type === "password" ? undefined : (f.value ?? "")}
              autocomplete={f.autocomplete}
              inputmode={f.inputmode}
              autocapitalize={f.type === "password" ? undefined : "none"}
              required
              autofocus={i === 0}
              aria-describedby={f.hint ? `${f.name}-hint` : undefined}
              class={f.inputmode ? "inputField-customizable code" : "inputField-customizable"}
            />
          </>
        ))}
        <button class="submitButton-customizable" type="submit">
          {p.submit}
        </button>
        {p.secondary ? (
          <button class="secondary" type="submit" name={p.secondary.name} value="1" formnovalidate>
            {p.secondary.text}
          </button>
        ) : null}
      </form>
      {p.links?.length ? (
        <p class="links">
          {p.links.map((l) => (
            <a class="redirect-customizable" href={l.href}>
              {l.text}
            </a>
          ))}
        </p>
      ) : null}
    </Layout>
  );
}

/** A password and its confirmation (`fresh` labels them as a new password, for a reset). */
export const passwordFields = (fresh = false): Field[] => [
  {
    name: "password",
    label: fresh ? messages.newPassword.password : messages.selfService.password,
    type: "password",
    autocomplete: "new-password",
  },
  {
    name: "confirm_password",
    label: fresh ? messages.newPassword.confirm : messages.selfService.confirmPassword,
    type: "password",
    autocomplete: "new-password",
  },
];

import { CSRF_FIELD } from "../csrf.ts";
import { messages } from "../messages.ts";
import { Layout } from "./layout.tsx";

export interface NewPasswordViewProps {
  action: string;
  csrf: string;
  session: string;
  username: string;
  /** Attribute names (without `userAttributes.`) the user must provide. */
  requiredAttributes: string[];
  error?: string;
}

const inputType = (name: string) => (name === "email" ? "email" : name === "phone_number" ? "tel" : "text");

/** NEW_PASSWORD_REQUIRED: a new password and any required attribute the user still lacks. */
export function NewPasswordView(p: NewPasswordViewProps) {
  const m = messages.newPassword;
  return (
    <Layout title={m.title}>
      <h1>{m.heading}</h1>
      <p class="sub">{m.intro}</p>
      {p.error ? (
        <div class="alert" role="alert">
          {p.error}
        </div>
      ) : null}
      <form method="post" action={p.action}>
        <input type="hidden" name={CSRF_FIELD} value={p.csrf} />
        <input type="hidden" name="step" value="new_password" />
        <input type="hidden" name="session" value={p.session} />
        <input type="hidden" name="username" value={p.username} />
        <label for="new_password">{m.password}</label>
        <input
          type="password"
          id="new_password"
          name="new_password"
          autocomplete="new-password"
          required
          autofocus
        />
        <label for="confirm_password">{m.confirm}</label>
        <input
          type="password"
          id="confirm_password"
          name="confirm_password"
          autocomplete="new-password"
          required
        />
        {p.requiredAttributes.map((name) => (
          <>
            <label for={`attr-${name}`}>{m.requiredAttribute(name)}</label>
            <input type={inputType(name)} id={`attr-${name}`} name={`userAttributes.${name}`} required />
          </>
        ))}
        <button type="submit">{m.submit}</button>
      </form>
    </Layout>
  );
}

import { CSRF_FIELD } from "../csrf.ts";
import { messages } from "../messages.ts";
import { type Branding, Layout } from "./layout.tsx";

interface ChallengeForm {
  action: string;
  csrf: string;
  session: string;
  username: string;
  error?: string;
  branding?: Branding;
}

/** The hidden fields every MFA form carries: the CSRF token, the step, the engine's session, the user. */
export function ChallengeFields(p: ChallengeForm & { step: string }) {
  return (
    <>
      <input type="hidden" name={CSRF_FIELD} value={p.csrf} />
      <input type="hidden" name="step" value={p.step} />
      <input type="hidden" name="session" value={p.session} />
      <input type="hidden" name="username" value={p.username} />
    </>
  );
}

export function FormError(p: { error?: string | undefined }) {
  return p.error ? (
    <div class="alert errorMessage-customizable" role="alert" id="form-error">
      {p.error}
    </div>
  ) : null;
}

/** The one-time-code field of the MFA pages: numeric, filled in by the OS where it can. */
export function CodeField(p: {
  label: string;
  maxLength: number;
  autofocus?: boolean;
  error?: string | undefined;
}) {
  return (
    <>
      <label for="code">{p.label}</label>
      <input
        type="text"
        id="code"
        name="code"
        inputmode="numeric"
        autocomplete="one-time-code"
        pattern="[0-9 ]*"
        maxlength={p.maxLength}
        required
        autofocus={p.autofocus}
        class="inputField-customizable code"
        aria-describedby={p.error ? "form-error" : undefined}
        aria-invalid={p.error ? "true" : undefined}
      />
    </>
  );
}

/** SMS_MFA, EMAIL_OTP (as MFA) and SOFTWARE_TOKEN_MFA: one code field, filled in by the OS where it can. */
export function MfaCodeView(p: ChallengeForm & { challengeName: string; destination?: string | undefined }) {
  const m = messages.mfa;
  const intro =
    p.challengeName === "SOFTWARE_TOKEN_MFA"
      ? m.totpIntro
      : p.challengeName === "SMS_MFA" || p.challengeName === "SMS_OTP"
        ? m.smsIntro(p.destination ?? "")
        : m.emailIntro(p.destination ?? "");
  return (
    <Layout title={m.title} branding={p.branding}>
      <h1>{m.heading}</h1>
      <p class="sub textDescription-customizable">{intro}</p>
      <FormError error={p.error} />
      <form method="post" action={p.action}>
        <ChallengeFields {...p} step="mfa" />
        <input type="hidden" name="challenge" value={p.challengeName} />
        {p.destination ? <input type="hidden" name="destination" value={p.destination} /> : null}
        <CodeField label={m.code} maxLength={10} autofocus error={p.error} />
        <button class="submitButton-customizable" type="submit">
          {m.submit}
        </button>
      </form>
    </Layout>
  );
}

/** SELECT_MFA_TYPE: one button per factor the user may choose (MFAS_CAN_CHOOSE). */
export function SelectMfaView(p: ChallengeForm & { options: string[] }) {
  const m = messages.mfa;
  return (
    <Layout title={m.selectTitle} branding={p.branding}>
      <h1>{m.selectHeading}</h1>
      {p.options.length ? <p class="sub textDescription-customizable">{m.selectIntro}</p> : null}
      <FormError error={p.error} />
      {p.options.length ? (
        <form method="post" action={p.action} class="choices">
          <ChallengeFields {...p} step="select_mfa" />
          {p.options.map((o) => (
            <button class="choice submitButton-customizable" type="submit" name="answer" value={o}>
              {m.factorName[o] ?? o}
            </button>
          ))}
        </form>
      ) : null}
    </Layout>
  );
}

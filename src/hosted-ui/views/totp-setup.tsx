import { messages } from "../messages.ts";
import { type Branding, Layout } from "./layout.tsx";
import { ChallengeFields, CodeField, FormError } from "./mfa.tsx";

export interface TotpSetupViewProps {
  action: string;
  csrf: string;
  session: string;
  username: string;
  /** The base32 secret from AssociateSoftwareToken, for typing into an app by hand. */
  secret: string;
  /** The otpauth:// URI, and a data: URL of its QR code. */
  uri: string;
  qrCode: string;
  error?: string;
  branding?: Branding;
}

/** Groups of four characters, as authenticator apps show secrets. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(" ") ?? secret;

/** MFA_SETUP: scan the QR code (or type the secret), then prove it with the first code. */
export function TotpSetupView(p: TotpSetupViewProps) {
  const m = messages.totpSetup;
  return (
    <Layout title={m.title} branding={p.branding}>
      <h1>{m.heading}</h1>
      <p class="sub textDescription-customizable">{m.intro}</p>
      <FormError error={p.error} />
      <ol class="steps">
        <li>
          {m.scan}
          <img class="qr" src={p.qrCode} alt={m.qrAlt} width="184" height="184" />
          <a class="app-link" href={p.uri}>
            {m.openApp}
          </a>
        </li>
        <li>
          {m.orType}
          <code class="secret" id="totp-secret">
            {grouped(p.secret)}
          </code>
        </li>
        <li>{m.enterCode}</li>
      </ol>
      <form method="post" action={p.action}>
        <ChallengeFields {...p} step="mfa_setup" />
        <input type="hidden" name="secret" value={p.secret} />
        <CodeField label={m.code} maxLength={7} error={p.error} />
        <button class="submitButton-customizable" type="submit">
          {m.submit}
        </button>
      </form>
    </Layout>
  );
}

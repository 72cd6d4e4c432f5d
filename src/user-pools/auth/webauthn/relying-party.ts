import type { WebAuthnConfigurationType } from "@aws-sdk/client-cognito-identity-provider";
import type { Config } from "../../../config/schema.ts";
import { ServiceError } from "../../../protocol/aws-json/errors.ts";
import type { PoolRecord } from "../../../storage/records.ts";
import { poolConfig } from "../../domain/pools.ts";

/** The pool's passkey relying party, as its users' authenticators see it. */
export interface RelyingParty {
  /** The RP ID: a domain, never an IP address or a URL. */
  id: string;
  /** Shown by authenticators beside the account name. */
  name: string;
  userVerification: "required" | "preferred";
}

/** Whether the pool lets users sign in with passkeys (Policies.SignInPolicy.AllowedFirstAuthFactors). */
export function poolAllowsPasskeys(pool: PoolRecord): boolean {
  return (poolConfig(pool).Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? []).includes("WEB_AUTHN");
}

/**
 * The pool's relying party. SetUserPoolMfaConfig's WebAuthnConfiguration sets the RP ID and
 * user verification (API reference, WebAuthnConfigurationType; "preferred" unless set). Without
 * an RP ID Cognito uses the pool's domain; cognate's counterpart is the host of `publicUrl`, or
 * `localhost` (browsers accept no IP address as RP ID, and treat localhost as a secure origin).
 */
export function relyingParty(config: Pick<Config, "publicUrl">, pool: PoolRecord): RelyingParty {
  const wa = (pool.config as { WebAuthnConfiguration?: WebAuthnConfigurationType }).WebAuthnConfiguration;
  return {
    id: wa?.RelyingPartyId ?? defaultRpId(config.publicUrl),
    name: pool.name,
    userVerification: wa?.UserVerification === "required" ? "required" : "preferred",
  };
}

function defaultRpId(publicUrl: string): string {
  if (!publicUrl) return "localhost";
  try {
    const host = new URL(publicUrl).hostname;
    return /^[\d.]+$|^\[/.test(host) ? "localhost" : host;
  } catch {
    return "localhost";
  }
}

/**
 * The origins a ceremony may come from: HTTPS on the RP ID or one of its subdomains (WebAuthn
 * Level 2, section 5.1.4.1 "registrable domain suffix"), HTTP too when the RP ID is localhost,
 * and cognate's own public URL.
 */
export function originAllowed(origin: string, rpId: string, config: Pick<Config, "publicUrl">): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin !== origin) return false;
  if (config.publicUrl && URL.canParse(config.publicUrl) && new URL(config.publicUrl).origin === origin)
    return true;
  const host = url.hostname;
  const onDomain = host === rpId || host.endsWith(`.${rpId}`);
  if (url.protocol === "https:") return onDomain;
  return url.protocol === "http:" && rpId === "localhost" && host === "localhost";
}

/** StartWebAuthnRegistration and CompleteWebAuthnRegistration in pools without passkeys. */
export function assertPasskeysEnabled(pool: PoolRecord): void {
  if (!poolAllowsPasskeys(pool)) {
    // The API reference's description of WebAuthnNotEnabledException.
    throw new ServiceError(
      "WebAuthnNotEnabledException",
      "Passkey sign-in is not enabled for this user pool: add WEB_AUTHN to AllowedFirstAuthFactors.",
    );
  }
}

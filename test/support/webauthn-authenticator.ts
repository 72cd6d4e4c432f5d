import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from "node:crypto";
import { isoCBOR } from "@simplewebauthn/server/helpers";

const b64url = (b: Uint8Array) => Buffer.from(b).toString("base64url");
const sha256 = (b: Uint8Array | string) => createHash("sha256").update(b).digest();

/** The parts of PublicKeyCredentialCreationOptionsJSON an authenticator reads. */
export interface CreationOptions {
  challenge: string;
  rp: { id: string; name: string };
  user: { id: string; name: string };
  pubKeyCredParams: { alg: number }[];
}

/** The parts of PublicKeyCredentialRequestOptionsJSON an authenticator reads. */
export interface RequestOptions {
  challenge: string;
  rpId: string;
  allowCredentials?: { id: string }[];
  userVerification?: string;
}

export interface AuthenticatorOptions {
  /** The page the browser runs the ceremony on (clientDataJSON.origin). */
  origin?: string;
  /** Sign for this RP ID instead of the one the options name (a phishing page's authenticator). */
  rpId?: string;
  /** "none" (the browser default) or "packed" self-attestation signed with the credential key. */
  attestation?: "none" | "packed";
  /** Whether the authenticator verifies the user (PIN, biometrics): the UV flag. */
  userVerified?: boolean;
  /** Whether the authenticator keeps a signature counter (many passkey providers send 0). */
  counter?: boolean;
}

/**
 * A software passkey authenticator for tests: an ECDSA P-256 key made with node:crypto, real
 * attestation objects ("none" or packed self-attestation, CBOR from @simplewebauthn/server's
 * helpers) and real assertion signatures over authenticatorData ‖ SHA-256(clientDataJSON), as
 * WebAuthn Level 2 (sections 6.1, 6.3.3, 8.2) lays them out.
 *
 * @example
 * const passkey = new SoftwareAuthenticator();
 * const credential = passkey.register(CredentialCreationOptions);
 * const assertion = passkey.authenticate(JSON.parse(CREDENTIAL_REQUEST_OPTIONS));
 */
export class SoftwareAuthenticator {
  readonly credentialId = randomBytes(32);
  readonly origin: string;
  signCount = 0;
  userVerified: boolean;
  private readonly key: KeyObject;
  private readonly publicKey: KeyObject;
  private readonly opts: AuthenticatorOptions;
  /** The user handle registered with the credential (options.user.id). */
  userHandle = "";

  constructor(opts: AuthenticatorOptions = {}) {
    this.opts = opts;
    this.origin = opts.origin ?? "http://localhost:3000";
    this.userVerified = opts.userVerified ?? true;
    const pair = generateKeyPairSync("ec", { namedCurve: "P-256" });
    this.key = pair.privateKey;
    this.publicKey = pair.publicKey;
  }

  /** The credential id as WebAuthn's JSON carries it. */
  get id(): string {
    return b64url(this.credentialId);
  }

  /** navigator.credentials.create(): a RegistrationResponseJSON for these creation options. */
  register(options: CreationOptions, overrides: { origin?: string; challenge?: string } = {}) {
    this.userHandle = options.user.id;
    const clientDataJSON = this.clientData(
      "webauthn.create",
      overrides.challenge ?? options.challenge,
      overrides.origin,
    );
    const authData = Buffer.concat([
      this.authDataHead(this.opts.rpId ?? options.rp.id, 0x40),
      Buffer.alloc(16), // AAGUID: none for a software authenticator
      Buffer.from([this.credentialId.length >> 8, this.credentialId.length & 0xff]),
      this.credentialId,
      this.coseKey(),
    ]);
    const attStmt = new Map<string, number | Uint8Array>();
    if (this.opts.attestation === "packed") {
      attStmt.set("alg", -7);
      attStmt.set(
        "sig",
        new Uint8Array(sign("sha256", Buffer.concat([authData, sha256(clientDataJSON)]), this.key)),
      );
    }
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Uint8Array | Map<string, number | Uint8Array>>([
        ["fmt", this.opts.attestation ?? "none"],
        ["attStmt", attStmt],
        ["authData", new Uint8Array(authData)],
      ]),
    );
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key",
      authenticatorAttachment: "platform",
      clientExtensionResults: { credProps: { rk: true } },
      response: {
        clientDataJSON: b64url(clientDataJSON),
        attestationObject: b64url(attestationObject),
        transports: ["internal", "hybrid"],
        publicKeyAlgorithm: -7,
        authenticatorData: b64url(authData),
      },
    };
  }

  /** navigator.credentials.get(): an AuthenticationResponseJSON for these request options. */
  authenticate(options: RequestOptions, overrides: { origin?: string; challenge?: string } = {}) {
    const clientDataJSON = this.clientData(
      "webauthn.get",
      overrides.challenge ?? options.challenge,
      overrides.origin,
    );
    const authData = this.authDataHead(this.opts.rpId ?? options.rpId, 0);
    const signature = sign("sha256", Buffer.concat([authData, sha256(clientDataJSON)]), this.key);
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key",
      authenticatorAttachment: "platform",
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        userHandle: this.userHandle,
      },
    };
  }

  private clientData(type: string, challenge: string, origin?: string): Buffer {
    return Buffer.from(
      JSON.stringify({ type, challenge, origin: origin ?? this.origin, crossOrigin: false }),
    );
  }

  /** rpIdHash ‖ flags (UP, UV as set, plus `extra`) ‖ signCount, moving the counter on. */
  private authDataHead(rpId: string, extra: number): Buffer {
    if (this.opts.counter !== false) this.signCount += 1;
    const count = Buffer.alloc(4);
    count.writeUInt32BE(this.opts.counter === false ? 0 : this.signCount);
    const flags = 0x01 | (this.userVerified ? 0x04 : 0) | extra;
    return Buffer.concat([sha256(rpId), Buffer.from([flags]), count]);
  }

  /** The credential public key as a COSE_Key: EC2, ES256, P-256, x, y (RFC 9053). */
  private coseKey(): Buffer {
    const jwk = this.publicKey.export({ format: "jwk" });
    const cose = new Map<number, number | Uint8Array>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, new Uint8Array(Buffer.from(jwk.x!, "base64url"))],
      [-3, new Uint8Array(Buffer.from(jwk.y!, "base64url"))],
    ]);
    return Buffer.from(isoCBOR.encode(cose));
  }
}

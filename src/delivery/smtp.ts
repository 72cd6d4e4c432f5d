import nodemailer from "nodemailer";
import type { MessageSender, OutgoingMessage } from "./message.ts";
import { DeliveryError } from "./message.ts";

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  from: string;
}

/**
 * Sends email through an SMTP server with nodemailer. With `secure` false the connection is
 * upgraded with STARTTLS whenever the server offers it, and an untrusted certificate fails the
 * delivery rather than falling back to plain text; relays that offer no STARTTLS (Mailpit,
 * MailHog) are spoken to in plain text.
 */
export class SmtpSender implements MessageSender {
  readonly #transport;
  readonly #from: string;
  constructor(s: SmtpSettings) {
    this.#from = s.from;
    this.#transport = nodemailer.createTransport({
      host: s.host,
      port: s.port,
      secure: s.secure,
      // nodemailer waits up to 10 minutes on a silent socket by default; a sign-up request should not.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      ...(s.user ? { auth: { user: s.user, pass: s.password } } : {}),
    });
  }
  async send(m: OutgoingMessage): Promise<void> {
    try {
      const isHtml = /<[a-z][\s\S]*>/i.test(m.body);
      await this.#transport.sendMail({
        from: m.from ?? this.#from,
        to: m.destination,
        subject: m.subject ?? "Your verification code",
        ...(isHtml ? { html: m.body } : { text: m.body }),
      });
    } catch (e) {
      throw new DeliveryError(`SMTP delivery failed: ${(e as Error).message}`);
    }
  }
}

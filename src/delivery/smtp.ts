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

/** Sends email through an SMTP server with nodemailer. */
export class SmtpSender implements MessageSender {
  readonly #transport;
  readonly #from: string;
  constructor(s: SmtpSettings) {
    this.#from = s.from;
    this.#transport = nodemailer.createTransport({
      host: s.host,
      port: s.port,
      secure: s.secure,
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

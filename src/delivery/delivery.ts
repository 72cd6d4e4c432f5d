import type { Logger } from "../runtime/logger.ts";
import type { MessageSender, OutgoingMessage } from "./message.ts";

/**
 * Routes a message to every sender configured for its channel (for example SMTP
 * and the outbox). With none configured the message is dropped with a warning.
 */
export class Delivery {
  constructor(
    private readonly senders: { EMAIL: MessageSender[]; SMS: MessageSender[] },
    private readonly logger: Logger,
  ) {}
  async send(message: OutgoingMessage): Promise<void> {
    const targets = this.senders[message.channel];
    if (targets.length === 0) {
      this.logger.warn(`no ${message.channel} channel configured; message to ${message.username} dropped`);
      return;
    }
    for (const s of targets) await s.send(message);
  }
}

import type { Clock } from "../runtime/clock.ts";
import type { Logger } from "../runtime/logger.ts";
import type { Random } from "../runtime/random.ts";
import type { Store } from "../storage/store.ts";
import type { MessageSender, OutgoingMessage } from "./message.ts";

/**
 * The development outbox: records every message in storage, so that a test
 * or a person can read the latest code (GET /_cognate/outbox, `cognate outbox`).
 * In dev mode it also prints the message to the log.
 */
export class OutboxSender implements MessageSender {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly random: Random,
    private readonly logger: Logger | undefined,
  ) {}
  async send(m: OutgoingMessage): Promise<void> {
    await this.store.outbox.add({
      id: this.random.uuid(),
      poolId: m.poolId,
      username: m.username,
      channel: m.channel,
      destination: m.destination,
      subject: m.subject ?? null,
      body: m.body,
      code: m.code ?? null,
      createdAt: this.clock.nowMs(),
    });
    this.logger?.info(`outbox: ${m.channel} to ${m.destination} for ${m.username} in ${m.poolId}`, {
      code: m.code,
      body: m.body,
    });
  }
}

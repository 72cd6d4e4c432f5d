import type { MessageSender, OutgoingMessage } from "./message.ts";
import { DeliveryError } from "./message.ts";

/**
 * The pluggable SMS channel: POSTs `{"to","body","poolId","username"}` as JSON to a
 * webhook that forwards to an SMS provider. Any other sender can implement MessageSender.
 */
export class WebhookSmsSender implements MessageSender {
  constructor(private readonly url: string) {}
  async send(m: OutgoingMessage): Promise<void> {
    const res = await fetch(this.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ to: m.destination, body: m.body, poolId: m.poolId, username: m.username }),
      // Without a bound, a webhook that never answers would hold the request that sends the code.
      signal: AbortSignal.timeout(10_000),
    }).catch((e: Error) => {
      throw new DeliveryError(`SMS webhook unreachable: ${e.message}`);
    });
    if (!res.ok) throw new DeliveryError(`SMS webhook answered HTTP ${res.status}`);
  }
}

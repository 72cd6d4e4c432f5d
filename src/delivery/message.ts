/** One message to a user: a code, a temporary password or a link. */
export interface OutgoingMessage {
  poolId: string;
  username: string;
  channel: "EMAIL" | "SMS";
  destination: string;
  subject?: string;
  body: string;
  /** The secret the message carries, kept by the development outbox so tests and people can read it. */
  code?: string;
  from?: string;
}

/**
 * A channel that delivers messages. SMTP, the SMS webhook and the development
 * outbox each implement it; handlers only ever see {@link Delivery}.
 */
export interface MessageSender {
  send(message: OutgoingMessage): Promise<void>;
}

export class DeliveryError extends Error {}

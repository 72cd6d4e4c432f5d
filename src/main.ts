import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Config } from "./config/schema.ts";
import { Delivery } from "./delivery/delivery.ts";
import type { MessageSender } from "./delivery/message.ts";
import { OutboxSender } from "./delivery/outbox.ts";
import { WebhookSmsSender } from "./delivery/sms.ts";
import { SmtpSender } from "./delivery/smtp.ts";
import { createHttpHandler } from "./http/app.ts";
import { type Clock, systemClock } from "./runtime/clock.ts";
import { createLogger, type Logger, type LogLevel } from "./runtime/logger.ts";
import { cryptoRandom, type Random } from "./runtime/random.ts";
import { openStore } from "./storage/open.ts";
import type { Store } from "./storage/store.ts";
import { ChallengeSessions } from "./user-pools/auth/challenge-session.ts";
import { PasswordHasher } from "./user-pools/domain/passwords.ts";
import type { Services } from "./user-pools/services.ts";
import { KeyRing } from "./user-pools/tokens/keys.ts";
import { TokenService } from "./user-pools/tokens/tokens.ts";

export interface RunningServer {
  /** e.g. http://127.0.0.1:9229 */
  url: string;
  config: Config;
  store: Store;
  services: Services;
  close(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  random?: Random;
  logger?: Logger;
  /** Extra senders (tests capture messages this way). */
  senders?: { EMAIL?: MessageSender[]; SMS?: MessageSender[] };
}

/** Everything but HTTP: what the server, the CLI's `call` and `seed` commands and tests share. */
export interface Runtime {
  config: Config;
  store: Store;
  clock: Clock;
  random: Random;
  logger: Logger;
  services: Services;
  /** The public base URL (issuer prefix); known after listen when --public-url is not set. */
  baseUrl(): string;
  setBaseUrl(url: string): void;
}

/** Composition: config → store → services. */
export async function createRuntime(config: Config, opts: StartOptions = {}): Promise<Runtime> {
  const clock = opts.clock ?? systemClock;
  const random = opts.random ?? cryptoRandom;
  const logger = opts.logger ?? createLogger(config.logLevel as LogLevel);
  const store = await openStore(config, clock);

  const sessionKey = Buffer.from(
    await store.meta.getOrCreate("challenge-session-key", random.bytes(32).toString("base64")),
    "base64",
  );
  let baseUrl = config.publicUrl.replace(/\/$/, "");
  const issuer = (poolId: string) =>
    config.awsIssuer
      ? `https://cognito-idp.${config.region}.amazonaws.com/${poolId}`
      : `${baseUrl}/${poolId}`;

  const email: MessageSender[] = [];
  const sms: MessageSender[] = [];
  // The outbox comes first, so a message a real channel then fails to deliver is still readable there.
  if (config.dev || config.outbox) {
    const outbox = new OutboxSender(store, clock, random, config.dev ? logger : undefined);
    email.push(outbox);
    sms.push(outbox);
  }
  email.push(...(opts.senders?.EMAIL ?? []));
  sms.push(...(opts.senders?.SMS ?? []));
  if (config.smtpHost) {
    email.push(
      new SmtpSender({
        host: config.smtpHost,
        port: config.smtpPort,
        secure: config.smtpSecure,
        user: config.smtpUser,
        password: config.smtpPassword,
        from: config.smtpFrom,
      }),
    );
  }
  if (config.smsWebhookUrl) sms.push(new WebhookSmsSender(config.smsWebhookUrl));

  const keys = new KeyRing(store);
  const services: Services = {
    passwords: new PasswordHasher({
      memoryKiB: config.argon2MemoryKiB,
      iterations: config.argon2Iterations,
      parallelism: config.argon2Parallelism,
    }),
    keys,
    tokens: new TokenService(store, keys, clock, random, issuer),
    sessions: new ChallengeSessions(sessionKey, store, clock, random),
    delivery: new Delivery({ EMAIL: email, SMS: sms }, logger),
  };

  return {
    config,
    store,
    clock,
    random,
    logger,
    services,
    baseUrl: () => baseUrl,
    setBaseUrl: (url) => {
      baseUrl = url;
    },
  };
}

/** Composition root: config → store → services → app → listen. */
export async function startServer(config: Config, opts: StartOptions = {}): Promise<RunningServer> {
  const rt = await createRuntime(config, opts);
  const { store, services } = rt;

  const server = createServer(createHttpHandler({ ...rt, baseUrl: rt.baseUrl }));
  // Longer than the usual client idle timeouts, so a client never reuses a socket the server just closed.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
    server.listen(config.port, config.host);
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === "IPv6" ? `[${addr.address}]` : addr.address;
  const url = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${addr.port}`;
  if (!rt.baseUrl()) rt.setBaseUrl(url);

  return {
    url,
    config,
    store,
    services,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await store.close();
    },
  };
}

// Email through a real SMTP server (smtp-server on a free port), from SignUp to the received message.
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { SignUpCommand } from "@aws-sdk/client-cognito-identity-provider";
import { SMTPServer } from "smtp-server";
import { DeliveryError } from "../../src/delivery/message.ts";
import { SmtpSender } from "../../src/delivery/smtp.ts";
import { createPoolAndClient, GOOD_PASSWORD } from "../support/fixtures.ts";
import { BACKENDS, latestMessage, startTestServer, type TestServer } from "../support/server.ts";

interface Received {
  mailFrom: string;
  rcptTo: string[];
  headers: Record<string, string>;
  body: string;
}

/** Splits a raw RFC 5322 message into unfolded headers and a decoded (quoted-printable aware) body. */
function parseMessage(raw: string): { headers: Record<string, string>; body: string } {
  const split = raw.indexOf("\r\n\r\n");
  const headers: Record<string, string> = {};
  for (const line of raw
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, " ")
    .split("\r\n")) {
    const i = line.indexOf(":");
    headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  let body = raw.slice(split + 4);
  if (headers["content-transfer-encoding"]?.toLowerCase() === "quoted-printable") {
    body = Buffer.from(
      body
        .replace(/=\r\n/g, "")
        .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
      "latin1",
    ).toString("utf8");
  }
  return { headers, body };
}

/** An SMTP server that keeps what it receives. `startTls` false is a relay such as Mailpit, which offers no STARTTLS. */
async function startSmtp(opts: { startTls: boolean }) {
  const inbox: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    logger: false,
    ...(opts.startTls ? {} : { disabledCommands: ["STARTTLS"] }),
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
        inbox.push({
          mailFrom,
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          ...parseMessage(Buffer.concat(chunks).toString("utf8")),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { inbox, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

for (const backend of BACKENDS) {
  describe(`SMTP delivery (${backend})`, () => {
    let t: TestServer;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    before(async () => {
      smtp = await startSmtp({ startTls: false });
      t = await startTestServer({
        backend,
        config: { smtpHost: "127.0.0.1", smtpPort: smtp.port, smtpSecure: false, outbox: true },
      });
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    test("SignUp's verification email arrives with the pool's template and the outbox's code", async () => {
      const { poolId, clientId } = await createPoolAndClient(t.idp, {
        AutoVerifiedAttributes: ["email"],
        VerificationMessageTemplate: {
          EmailSubject: "Confirm your account",
          EmailMessage: "Hello {username}, your code is {####}.",
        },
      });
      await t.publicIdp.send(
        new SignUpCommand({
          ClientId: clientId,
          Username: "mailed",
          Password: GOOD_PASSWORD,
          UserAttributes: [{ Name: "email", Value: "mailed@example.com" }],
        }),
      );
      assert.equal(smtp.inbox.length, 1);
      const mail = smtp.inbox[0]!;
      const outbox = await latestMessage(t.url, poolId, "mailed");
      assert.deepEqual(mail.rcptTo, ["mailed@example.com"]);
      assert.equal(mail.headers.to, "mailed@example.com");
      assert.equal(mail.mailFrom, "no-reply@cognate.local");
      assert.equal(mail.headers.subject, "Confirm your account");
      const code = /your code is ([0-9]{6})\./.exec(mail.body)?.[1];
      assert.ok(code, `no code in ${JSON.stringify(mail.body)}`);
      assert.equal(code, outbox.code);
      assert.equal(mail.body.trim(), `Hello mailed, your code is ${outbox.code}.`);
    });

    test("the pool's EmailConfiguration From is the sender", async () => {
      const { clientId } = await createPoolAndClient(t.idp, {
        AutoVerifiedAttributes: ["email"],
        EmailConfiguration: { EmailSendingAccount: "DEVELOPER", From: "Example App <hello@app.example>" },
      });
      const before = smtp.inbox.length;
      await t.publicIdp.send(
        new SignUpCommand({
          ClientId: clientId,
          Username: "fromtest",
          Password: GOOD_PASSWORD,
          UserAttributes: [{ Name: "email", Value: "f@example.com" }],
        }),
      );
      const mail = smtp.inbox[before]!;
      assert.equal(mail.mailFrom, "hello@app.example");
      assert.equal(mail.headers.from, "Example App <hello@app.example>");
    });
  });
}

describe("SmtpSender", () => {
  test("does not fall back to plain text when the server's STARTTLS certificate is not trusted", async () => {
    // smtp-server offers STARTTLS with its built-in self-signed certificate.
    const smtp = await startSmtp({ startTls: true });
    try {
      const sender = new SmtpSender({
        host: "127.0.0.1",
        port: smtp.port,
        secure: false,
        user: "",
        password: "",
        from: "no-reply@cognate.local",
      });
      await assert.rejects(
        sender.send({
          poolId: "p",
          username: "u",
          channel: "EMAIL",
          destination: "u@example.com",
          subject: "s",
          body: "code 123456",
          code: "123456",
        }),
        (e: Error) => e instanceof DeliveryError && /^SMTP delivery failed: /.test(e.message),
      );
      assert.equal(smtp.inbox.length, 0);
    } finally {
      await smtp.close();
    }
  });
});

/**
 * Where notification tests send to: an HTTP receiver (node:http) that records each request and
 * answers from a script of statuses, and an SMTP server (smtp-server) that keeps each message
 * — both on loopback, on free ports.
 */
import { createServer, type Server } from "node:http";
import { SMTPServer } from "smtp-server";
import { freePort } from "./free-port";

/** One request the receiver got. */
export interface ReceivedRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** What the receiver answered. */
  status: number;
}

/** A running HTTP receiver. */
export interface HttpReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** Statuses to answer, in order; 200 once they are used up. */
  script: number[];
  close(): Promise<void>;
}

/** Starts an HTTP receiver on a free loopback port. */
export async function startHttpReceiver(): Promise<HttpReceiver> {
  const port = await freePort();
  const requests: ReceivedRequest[] = [];
  const receiver: HttpReceiver = { url: `http://127.0.0.1:${port}`, requests, script: [], close: async () => {} };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const status = receiver.script.shift() ?? 200;
      requests.push({ path: req.url ?? "/", headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  receiver.close = () => new Promise((resolve) => server.close(() => resolve()));
  return receiver;
}

/** One e-mail the SMTP server got. */
export interface ReceivedMail {
  from: string;
  to: string[];
  data: string;
}

/** A running SMTP server. */
export interface SmtpSink {
  port: number;
  mails: ReceivedMail[];
  close(): Promise<void>;
}

/** Starts an SMTP server on a free loopback port, without TLS or authentication. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const port = await freePort();
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { port, mails, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

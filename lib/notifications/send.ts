/**
 * One attempt at sending a notification through a channel: an HTTP POST (generic webhook,
 * signed; Slack-compatible) or an e-mail over SMTP (nodemailer). Answers what happened as data
 * and never throws; error texts have the channel's secrets taken out.
 */
import nodemailer from "nodemailer";
import type { OpenChannel } from "./channels";
import { emailSubject, slackBody, webhookBody, type NotificationMessage } from "./message";
import { signBody, SIGNATURE_HEADER } from "./signature";

/** How one attempt went. */
export interface AttemptResult {
  ok: boolean;
  /** The HTTP status or SMTP response code, when there was one. */
  code?: number;
  /** What failed, secret-free. */
  error?: string;
}

/** Options of {@link sendThrough}. */
export interface SendOptions {
  /** The delivery's id, in the webhook body and headers. */
  deliveryId: string;
  /** How long one attempt may take. @default 10 s */
  timeoutMs?: number;
  /** @default the runtime's `fetch` */
  fetch?: typeof fetch;
}

const messageOf = (error: unknown) => (error instanceof Error ? (error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message) : String(error));

/** Takes every secret of the channel (and the Slack URL's path) out of a text. */
export function redact(text: string, channel: OpenChannel): string {
  const secrets = channel.kind === "webhook" ? [channel.secret] : channel.kind === "slack" ? [channel.url, safePath(channel.url)] : [channel.password ?? ""];
  return secrets.filter((s) => s.length >= 4).reduce((out, secret) => out.split(secret).join("[redacted]"), text).slice(0, 500);
}

function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return "";
  }
}

async function post(url: string, body: string, headers: Record<string, string>, options: SendOptions): Promise<AttemptResult> {
  const doFetch = options.fetch ?? fetch;
  const response = await doFetch(url, { method: "POST", body, headers: { "Content-Type": "application/json", "User-Agent": "Lockstep-Notifications", ...headers }, signal: AbortSignal.timeout(options.timeoutMs ?? 10_000), redirect: "manual" });
  await response.body?.cancel().catch(() => {});
  if (response.status >= 200 && response.status < 300) return { ok: true, code: response.status };
  return { ok: false, code: response.status, error: `The receiver answered ${response.status}${response.statusText ? ` ${response.statusText}` : ""}.` };
}

async function mail(channel: Extract<OpenChannel, { kind: "email" }>, message: NotificationMessage, timeoutMs: number): Promise<AttemptResult> {
  const transport = nodemailer.createTransport({
    host: channel.host,
    port: channel.port,
    secure: channel.security === "tls",
    requireTLS: channel.security === "starttls",
    ignoreTLS: channel.security === "none",
    ...(channel.user ? { auth: { user: channel.user, pass: channel.password ?? "" } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    await transport.sendMail({ from: channel.from, to: channel.to, subject: emailSubject(message), text: message.text });
    return { ok: true, code: 250 };
  } finally {
    transport.close();
  }
}

/** Sends `message` through `channel` once. */
export async function sendThrough(channel: OpenChannel, message: NotificationMessage, options: SendOptions): Promise<AttemptResult> {
  try {
    if (channel.kind === "webhook") {
      const body = webhookBody(message, options.deliveryId);
      return await post(channel.url, body, { [SIGNATURE_HEADER]: signBody(body, channel.secret), "X-Lockstep-Event": message.trigger, "X-Lockstep-Delivery": options.deliveryId }, options);
    }
    if (channel.kind === "slack") return await post(channel.url, slackBody(message), {}, options);
    return await mail(channel, message, options.timeoutMs ?? 10_000);
  } catch (error) {
    const code = (error as { responseCode?: unknown }).responseCode;
    return { ok: false, ...(typeof code === "number" ? { code } : {}), error: redact(messageOf(error), channel) };
  }
}

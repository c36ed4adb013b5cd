/**
 * A notification as sent: the facts of one trigger about one app, its rendered text, and the
 * body each kind of channel receives (pure).
 */
import type { Trigger } from "./triggers";

/** What one delivery says, as stored with it (so a retry after a restart sends the same). */
export interface NotificationMessage {
  trigger: Trigger;
  app: string;
  project: string;
  /** The Git revision; empty when unknown. */
  revision: string;
  /** What happened, in a sentence. */
  message: string;
  /** The app's page. */
  url: string;
  /** The rendered template. */
  text: string;
  /** When the trigger fired (ISO). */
  at: string;
}

/** The generic webhook's JSON body: the message's facts and the delivery's id (a receiver's idempotency key). */
export function webhookBody(message: NotificationMessage, deliveryId: string): string {
  return JSON.stringify({ delivery: deliveryId, ...message });
}

/** A Slack-compatible incoming webhook's body: the text, and one section block with the app's link. */
export function slackBody(message: NotificationMessage): string {
  return JSON.stringify({
    text: message.text,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: message.text } },
      { type: "context", elements: [{ type: "mrkdwn", text: `${message.trigger} · <${message.url}|${message.app}>` }] },
    ],
  });
}

/** The e-mail's subject line. */
export function emailSubject(message: NotificationMessage): string {
  return `[Lockstep] ${message.app}: ${message.trigger}${message.revision ? ` at ${message.revision.slice(0, 7)}` : ""}`;
}

/**
 * lib/notifications — telling people what happened to their apps: channels (generic webhook,
 * HMAC-signed; Slack-compatible incoming webhook; e-mail over SMTP) whose secrets are stored
 * encrypted, subscriptions per app, per project or global on six triggers, templated text with
 * a link to the app page, and deliveries sent once per (subscription, trigger, app, revision)
 * with retries and every attempt recorded. `createNotifications` builds the room; the engine
 * owns its {@link Notifier}.
 */
export { createChannelRecords, type ChannelRecords, type ChannelView, type OpenChannel } from "./channels";
export { DELIVERY_ATTEMPTS, DELIVERY_BACKOFF, deliveryKey, retryDelayMs, type DeliveryKey } from "./delivery-policy";
export type { NotificationMessage } from "./message";
export { Notifier, type NotifierDependencies, type NotifierSettings } from "./notifier";
export { createNotifications, type Notifications, type NotificationsDependencies } from "./room";
export * from "./schema";
export { isValidSignature, signBody, SIGNATURE_HEADER } from "./signature";
export { createSubscriptionRecords, type DeliveryView, type SubscriptionRecords, type SubscriptionView } from "./subscriptions";
export { publicUrlFromEnv } from "./public-url";
export { appUrl, DEFAULT_TEMPLATES, PLACEHOLDERS, renderTemplate } from "./template";
export { TRIGGERS, type Trigger } from "./triggers";

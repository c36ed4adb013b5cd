/**
 * Sending one stored delivery to its end: attempts through the channel, retried with
 * exponential backoff (lib/retry's `withRetry`, over p-retry) up to the allowed attempts, each
 * attempt recorded with its time, code and secret-free error; the delivery ends `sent` or
 * `failed`, and counted in the engine's metrics by channel type and result. A replica that
 * loses the app's shard stops before its next attempt and leaves the delivery pending; the new
 * owner takes it up.
 */
import type { DeliveryRow, NotificationsStore } from "@/lib/db/notifications";
import type { Metrics } from "@/lib/metrics";
import { withRetry, type BackoffPolicy } from "@/lib/retry";
import { backoffDelay } from "@/lib/retry";
import type { ChannelRecords } from "./channels";
import { CHANNEL_KINDS, type ChannelKind } from "./schema";
import type { NotificationMessage } from "./message";
import { sendThrough, type AttemptResult } from "./send";

/** How deliveries are attempted. */
export interface DeliveryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  backoff: BackoffPolicy;
  /** How long one attempt may take. */
  timeoutMs: number;
}

/** What sending a delivery needs. */
export interface DeliverDependencies {
  store: Pick<NotificationsStore, "recordAttempt" | "getSubscriptionRow" | "getChannelRow">;
  channels: Pick<ChannelRecords, "open">;
  policy: DeliveryPolicy;
  now: () => number;
  signal: AbortSignal;
  /** Asked before each attempt; false leaves the delivery pending for the app's new owner. @default always true */
  shouldGoOn?: () => boolean;
  /** Where each attempt is counted (`lockstep_notification_deliveries_total`). @default not counted */
  metrics?: DeliveryMetrics;
  /** @default the runtime's `fetch` */
  fetch?: typeof fetch;
}

/** What deliveries record in the engine's metrics (lib/metrics' `Metrics` is the real one). */
export type DeliveryMetrics = Pick<Metrics, "notificationDelivered">;

/** One attempt's result, with the type of the channel it went through when the channel could be read. */
interface Attempted {
  result: AttemptResult;
  kind?: ChannelKind;
}

class AttemptFailed extends Error {}
/** This replica no longer owns the app: the delivery stays pending for the owner. */
class NotOurs extends Error {}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

const isChannelKind = (kind: string): kind is ChannelKind => (CHANNEL_KINDS as readonly string[]).includes(kind);

/** The stored kind of a channel that could not be opened (its key missing), without decrypting; undefined when it is gone too. */
async function storedKind(deps: DeliverDependencies, channelId: string | undefined): Promise<ChannelKind | undefined> {
  if (!channelId) return undefined;
  const row = await deps.store.getChannelRow(channelId).catch(() => undefined);
  return row && isChannelKind(row.kind) ? row.kind : undefined;
}

/** Opens the subscription's channel and sends, or answers why it could not (a key missing, the channel gone). */
async function attempt(delivery: DeliveryRow, deps: DeliverDependencies, message: NotificationMessage): Promise<Attempted> {
  let channel;
  let channelId: string | undefined;
  try {
    channelId = (await deps.store.getSubscriptionRow(delivery.subscriptionId)).channelId;
    channel = await deps.channels.open(channelId);
  } catch (error) {
    const kind = await storedKind(deps, channelId);
    return { result: { ok: false, error: `The channel could not be read: ${messageOf(error)}` }, ...(kind ? { kind } : {}) };
  }
  return { kind: channel.kind, result: await sendThrough(channel, message, { deliveryId: delivery.id, timeoutMs: deps.policy.timeoutMs, ...(deps.fetch ? { fetch: deps.fetch } : {}) }) };
}

/**
 * Sends a pending delivery until it succeeds or its attempts are used up (counting those made
 * before a restart), counting each attempt in `deps.metrics` (none when the subscription or
 * its channel is gone, since the channel's type is then unknown). Never throws, except with the signal's reason when the notifier stops.
 */
export async function deliver(delivery: DeliveryRow, deps: DeliverDependencies): Promise<DeliveryRow> {
  const message = JSON.parse(delivery.payload) as NotificationMessage;
  const left = Math.max(1, deps.policy.attempts - delivery.attemptCount);
  let current = delivery;
  let tries = 0;
  try {
    await withRetry(
      async () => {
        if (deps.shouldGoOn && !deps.shouldGoOn()) throw new NotOurs();
        tries += 1;
        const { result, kind } = await attempt(delivery, deps, message);
        if (kind) deps.metrics?.notificationDelivered(kind, result.ok ? "sent" : "failed");
        const last = tries >= left;
        const status = result.ok ? "sent" : last ? "failed" : "pending";
        const nextAttemptAt = result.ok || last ? null : new Date(deps.now() + backoffDelay(tries, deps.policy.backoff));
        current = await deps.store.recordAttempt(delivery.id, { at: new Date(deps.now()), ok: result.ok, code: result.code ?? null, error: result.error ?? null }, { status, nextAttemptAt });
        if (!result.ok) throw new AttemptFailed(result.error ?? "failed");
      },
      { retries: left - 1, backoff: deps.policy.backoff, signal: deps.signal, isRetryable: (error) => error instanceof AttemptFailed },
    );
  } catch (error) {
    if (deps.signal.aborted) throw deps.signal.reason;
    if (!(error instanceof AttemptFailed) && !(error instanceof NotOurs)) throw error;
  }
  return current;
}

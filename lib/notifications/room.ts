/**
 * The notifications room of one engine: channel and subscription records, the delivery list,
 * and the {@link Notifier} that listens to the engine — all built from the engine's
 * dependencies, nothing global.
 */
import type { KeyRing } from "@/lib/credentials/secret-key";
import type { DatabaseStores } from "@/lib/db/database";
import type { EventBus } from "@/lib/events/bus";
import { createChannelRecords, type ChannelRecords } from "./channels";
import type { DeliveryMetrics } from "./deliver";
import { Notifier, type NotifierSettings } from "./notifier";
import { createSubscriptionRecords, type SubscriptionRecords } from "./subscriptions";

/** What the notifications room is built from. */
export interface NotificationsDependencies {
  db: Pick<DatabaseStores, "apps" | "operations" | "notifications">;
  events: EventBus;
  clock: { now(): number };
  log: { error(message: string): void };
  owns(app: string): boolean;
  /** The key ring sealing channel secrets (lib/credentials' `keyRingLoader`). */
  keyRing: () => Promise<KeyRing>;
  settings: NotifierSettings;
  /** Counts each delivery attempt by channel type and result (the engine's metrics). @default not counted */
  metrics?: DeliveryMetrics;
  /** @default the runtime's `fetch` */
  fetch?: typeof fetch;
}

/** The notifications room. */
export interface Notifications {
  channels: Omit<ChannelRecords, "open">;
  subscriptions: Omit<SubscriptionRecords, "deliveries">;
  deliveries: SubscriptionRecords["deliveries"];
  notifier: Notifier;
}

/** Builds the room; its notifier starts with the engine. */
export function createNotifications(deps: NotificationsDependencies): Notifications {
  const channels = createChannelRecords({ rows: deps.db.notifications, keyRing: deps.keyRing });
  const subscriptions = createSubscriptionRecords(deps.db.notifications, () => notifier.subscriptionsChanged());
  const notifier = new Notifier({ db: deps.db, events: deps.events, clock: deps.clock, log: deps.log, owns: deps.owns, channels, settings: deps.settings, ...(deps.metrics ? { metrics: deps.metrics } : {}), ...(deps.fetch ? { fetch: deps.fetch } : {}) });
  return {
    channels: { list: channels.list, get: channels.get, create: channels.create, update: channels.update, delete: channels.delete },
    subscriptions: { list: subscriptions.list, get: subscriptions.get, create: subscriptions.create, update: subscriptions.update, delete: subscriptions.delete },
    deliveries: subscriptions.deliveries,
    notifier,
  };
}

/**
 * The engine's notifications room (lib/notifications), built from the engine's own
 * dependencies — database, event bus, clock, log, metrics (each delivery attempt is counted)
 * and `owns(app)`, so only the replica that runs an app notifies about it — plus the key ring
 * and settings given to `createEngine`.
 * Without them the facade answers that notifications are not configured.
 */
import type { KeyRing } from "@/lib/credentials/secret-key";
import { MisconfiguredError } from "@/lib/errors";
import { createNotifications, type Notifier, type NotifierSettings } from "@/lib/notifications";
import type { EngineContext } from "./context";
import type { NotificationsFacade } from "./facade";

/** What `createEngine` takes for notifications. */
export interface EngineNotifications {
  /** Seals and opens channel secrets (lib/credentials' `keyRingLoader`). */
  keyRing: () => Promise<KeyRing>;
  settings: NotifierSettings;
  /** @default the runtime's `fetch` */
  fetch?: typeof fetch;
}

function notConfigured(): never {
  throw new MisconfiguredError("Notifications are not configured in this engine.");
}

const disabled: NotificationsFacade = {
  channels: { list: async () => notConfigured(), get: async () => notConfigured(), create: async () => notConfigured(), update: async () => notConfigured(), delete: async () => notConfigured() },
  subscriptions: { list: async () => notConfigured(), get: async () => notConfigured(), create: async () => notConfigured(), update: async () => notConfigured(), delete: async () => notConfigured() },
  deliveries: async () => notConfigured(),
};

/** The facade's notifications and the notifier the engine starts and stops (none when not configured). */
export function notificationsOf(ctx: EngineContext, options: EngineNotifications | undefined): { facade: NotificationsFacade; notifier?: Notifier } {
  if (!options) return { facade: disabled };
  const room = createNotifications({ db: ctx.db, events: ctx.events, clock: ctx.clock, log: ctx.log, owns: (app) => ctx.owns(app), keyRing: options.keyRing, settings: options.settings, metrics: ctx.metrics, ...(options.fetch ? { fetch: options.fetch } : {}) });
  return { facade: { channels: room.channels, subscriptions: room.subscriptions, deliveries: room.deliveries }, notifier: room.notifier };
}

/**
 * The Notifier: one engine's listener that turns what the engine publishes (an operation's end,
 * an app's new status) into deliveries. It decides triggers with the pure functions of
 * triggers.ts, finds the subscriptions covering the app (its own, its project's, the global
 * ones), stores one delivery per (subscription, trigger, app, revision) — the unique row makes
 * a second attempt, a restart or another replica a no-op — and sends it. Only the replica that
 * owns an app notifies about it. Drift waits out each subscription's grace period first.
 */
import type { AppRecord } from "@/lib/db/apps";
import type { DatabaseStores } from "@/lib/db/database";
import type { DeliveryRow, SubscriptionRow } from "@/lib/db/notifications";
import type { AppEvent, EventBus } from "@/lib/events/bus";
import { isErrorOfKind } from "@/lib/errors";
import type { OperationPhase } from "@/lib/types";
import type { ChannelRecords } from "./channels";
import { deliver, type DeliveryMetrics, type DeliveryPolicy } from "./deliver";
import { EnabledSubscriptions } from "./enabled-subscriptions";
import { DELIVERY_ATTEMPTS, DELIVERY_BACKOFF, deliveryKey } from "./delivery-policy";
import type { NotificationMessage } from "./message";
import { appUrl, DEFAULT_TEMPLATES, renderTemplate } from "./template";
import { driftEvent, isDriftStill, operationTriggers, statusTriggers, TRIGGERS, type Trigger, type TriggerEvent } from "./triggers";

/** Settings of a notifier. */
export interface NotifierSettings {
  /** The base of links to app pages (`LOCKSTEP_PUBLIC_URL`, else the server's URL). */
  publicUrl: string;
  /** @default {@link DELIVERY_ATTEMPTS} */
  attempts?: number;
  /** @default {@link DELIVERY_BACKOFF} */
  backoff?: DeliveryPolicy["backoff"];
  /** @default 10 s */
  timeoutMs?: number;
}

/** What a notifier is built from: the engine's dependencies, and the channel records. */
export interface NotifierDependencies {
  db: Pick<DatabaseStores, "apps" | "operations" | "notifications">;
  events: EventBus;
  clock: { now(): number };
  log: { error(message: string): void };
  /** True when this replica runs the app (and so alone notifies about it). */
  owns(app: string): boolean;
  channels: Pick<ChannelRecords, "open">;
  settings: NotifierSettings;
  /** Counts each delivery attempt by channel type and result (the engine's metrics). @default not counted */
  metrics?: DeliveryMetrics;
  /** @default the runtime's `fetch` */
  fetch?: typeof fetch;
}

const ENDED: readonly OperationPhase[] = ["Succeeded", "Failed", "Error"];
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Parses a subscription's stored trigger list, keeping known triggers only. */
export function triggersOf(row: Pick<SubscriptionRow, "triggers">): Trigger[] {
  try {
    const list = JSON.parse(row.triggers) as unknown;
    return Array.isArray(list) ? list.filter((t): t is Trigger => (TRIGGERS as readonly unknown[]).includes(t)) : [];
  } catch {
    return [];
  }
}

/** A status that fires nothing and ends any drift watch, told by the event alone (no database read): not OutOfSync, and a health known not to be Degraded. */
function isQuietStatus(detail: Record<string, unknown>): boolean {
  return detail.syncStatus !== "OutOfSync" && typeof detail.healthStatus === "string" && detail.healthStatus !== "Degraded";
}

/** An app's drift being watched: since when it is OutOfSync, and a timer per subscription. */
interface DriftWatch {
  since: number;
  timers: Map<string, NodeJS.Timeout>;
}

/** Notifications of one engine. */
export class Notifier {
  private readonly drift = new Map<string, DriftWatch>();
  private readonly inFlight = new Set<Promise<unknown>>();
  /** The deliveries this process is sending, so a resume does not send one twice. */
  private readonly sending = new Set<string>();
  private readonly controller = new AbortController();
  private unsubscribe?: () => void;
  private readonly policy: DeliveryPolicy;

  /** The enabled subscriptions, read once for many status changes. */
  private readonly subscriptions: EnabledSubscriptions;

  constructor(private readonly deps: NotifierDependencies) {
    this.subscriptions = new EnabledSubscriptions(deps.db.notifications, deps.clock);
    this.policy = { attempts: deps.settings.attempts ?? DELIVERY_ATTEMPTS, backoff: deps.settings.backoff ?? DELIVERY_BACKOFF, timeoutMs: deps.settings.timeoutMs ?? 10_000 };
  }

  /** A subscription was created, changed or deleted here: the next status change reads them again. */
  subscriptionsChanged(): void {
    this.subscriptions.forget();
  }

  /** Listens to the engine's events and resumes the deliveries a stopped process left pending. */
  start(): void {
    this.unsubscribe ??= this.deps.events.subscribe(({ event }) => this.track(this.handle(event)));
    this.resume();
  }

  /** Takes up the pending deliveries of the apps this replica owns (at start, and after taking over shards). */
  resume(): void {
    this.track(this.resumePending());
  }

  /** Stops listening, clears drift timers and abandons retries in progress (they stay pending, resumed at the next start). */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    for (const app of [...this.drift.keys()]) this.clearDrift(app);
    this.controller.abort(new Error("the notifier stopped"));
    await this.idle();
  }

  /** Resolves once nothing is being decided or sent (tests). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private track(work: Promise<unknown>): void {
    const tracked = work.catch((error: unknown) => {
      if (!this.controller.signal.aborted) this.deps.log.error(`notifications: ${messageOf(error)}`);
    });
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
  }

  private async handle(event: AppEvent): Promise<void> {
    if (event.type === "app-deleted") return this.clearDrift(event.app);
    if (!this.deps.owns(event.app)) return;
    if (event.type === "operation" && typeof event.detail?.id === "string" && ENDED.includes(event.detail.phase as OperationPhase)) {
      await this.onOperationEnded(event.app, event.detail.id);
    } else if (event.type === "app-status" && typeof event.detail?.syncStatus === "string") {
      if (isQuietStatus(event.detail)) return this.clearDrift(event.app);
      await this.onStatus(event.app, event.detail);
    }
  }

  private async appOrNothing(name: string): Promise<AppRecord | undefined> {
    try {
      return await this.deps.db.apps.getApp(name);
    } catch (error) {
      if (isErrorOfKind(error, "not-found")) return undefined;
      throw error;
    }
  }

  private async onOperationEnded(appName: string, id: string): Promise<void> {
    const app = await this.appOrNothing(appName);
    if (!app) return;
    const op = await this.deps.db.operations.getOperation(app.id, id);
    const events = operationTriggers({ app: app.name, kind: op.kind, phase: op.phase, dryRun: op.dryRun, revision: op.revision, message: op.message, autoSyncPaused: app.autoSyncPaused, automated: app.automated });
    await this.enqueue(app, events);
  }

  /**
   * An app's new status. When the event names the app's project and no subscription covers the
   * app, there is nothing to send and the app is not read: only when its drift began is kept,
   * for a subscription made later.
   */
  private async onStatus(appName: string, detail: Record<string, unknown>): Promise<void> {
    const known = typeof detail.project === "string" ? await this.subscriptions.coveringApp(appName, detail.project) : undefined;
    if (known?.length === 0) return detail.syncStatus === "OutOfSync" ? this.watchDrift(appName, []) : this.clearDrift(appName);
    const app = await this.appOrNothing(appName);
    if (!app) return this.clearDrift(appName);
    const observed = { app: app.name, syncStatus: app.status.syncStatus, healthStatus: app.status.healthStatus, revision: app.status.revision };
    const decision = statusTriggers(observed);
    if (decision.now.length === 0 && decision.drift === "clear") return this.clearDrift(app.name);
    const subscriptions = known ?? (await this.subscriptions.coveringApp(app.name, app.project));
    await this.enqueue(app, decision.now, subscriptions);
    if (decision.drift === "clear") return this.clearDrift(app.name);
    this.watchDrift(app.name, subscriptions.filter((s) => triggersOf(s).includes("drift-detected")));
  }

  /** Starts (or goes on) watching an app's drift: a timer per subscription at the end of its grace. */
  private watchDrift(app: string, subscriptions: readonly SubscriptionRow[]): void {
    let watch = this.drift.get(app);
    if (!watch) this.drift.set(app, (watch = { since: this.deps.clock.now(), timers: new Map() }));
    for (const subscription of subscriptions) {
      if (watch.timers.has(subscription.id)) continue;
      const graceMs = subscription.driftGraceSeconds * 1000;
      const timer = setTimeout(() => this.track(this.checkDrift(app, subscription.id, graceMs)), Math.max(0, watch.since + graceMs - this.deps.clock.now()));
      timer.unref?.();
      watch.timers.set(subscription.id, timer);
    }
  }

  private clearDrift(app: string): void {
    const watch = this.drift.get(app);
    for (const timer of watch?.timers.values() ?? []) clearTimeout(timer);
    this.drift.delete(app);
  }

  /** At the end of a subscription's grace: tells the drift if the app is still OutOfSync. */
  private async checkDrift(appName: string, subscriptionId: string, graceMs: number): Promise<void> {
    const watch = this.drift.get(appName);
    if (!watch || !this.deps.owns(appName)) return;
    const app = await this.appOrNothing(appName);
    if (!app) return this.clearDrift(appName);
    if (!isDriftStill({ since: watch.since, graceMs, now: this.deps.clock.now(), syncStatus: app.status.syncStatus })) return;
    const subscription = (await this.subscriptions.coveringApp(app.name, app.project)).find((s) => s.id === subscriptionId);
    if (!subscription) return;
    const event = driftEvent({ app: app.name, syncStatus: app.status.syncStatus, healthStatus: app.status.healthStatus, revision: app.status.revision }, graceMs);
    await this.enqueueFor(app, event, [subscription]);
  }

  /** Enqueues the events for the subscriptions that want them (read here unless the caller has them). */
  private async enqueue(app: AppRecord, events: readonly TriggerEvent[], known?: readonly SubscriptionRow[]): Promise<void> {
    if (events.length === 0) return;
    const subscriptions = known ?? (await this.subscriptions.coveringApp(app.name, app.project));
    for (const event of events) {
      if (event.trigger === "drift-detected") continue;
      await this.enqueueFor(app, event, subscriptions.filter((s) => triggersOf(s).includes(event.trigger)));
    }
  }

  /** Stores one delivery per subscription (none when one exists for the key) and sends the new ones. */
  private async enqueueFor(app: AppRecord, event: TriggerEvent, subscriptions: readonly SubscriptionRow[]): Promise<void> {
    for (const subscription of subscriptions) {
      const key = deliveryKey({ subscriptionId: subscription.id, trigger: event.trigger, app: app.name, revision: event.revision });
      const message = this.messageOf(app, event, subscription);
      const row = await this.deps.db.notifications.insertDelivery({ ...key, payload: JSON.stringify(message) });
      if (row) this.track(this.send(row));
    }
  }

  private messageOf(app: AppRecord, event: TriggerEvent, subscription: SubscriptionRow): NotificationMessage {
    const values = { app: app.name, project: app.project, revision: event.revision ? event.revision.slice(0, 7) : "(unknown revision)", trigger: event.trigger, message: event.message, url: appUrl(this.deps.settings.publicUrl, app.name) };
    const text = renderTemplate(subscription.template ?? DEFAULT_TEMPLATES[event.trigger], values).replace(/[ \t]+/g, " ").trim();
    return { ...values, revision: event.revision, text, at: new Date(this.deps.clock.now()).toISOString() };
  }

  /** Sends a delivery unless this process is sending it already. */
  private async send(row: DeliveryRow): Promise<void> {
    if (this.sending.has(row.id)) return;
    this.sending.add(row.id);
    try {
      await this.deliver(row);
    } finally {
      this.sending.delete(row.id);
    }
  }

  private deliver(row: DeliveryRow): Promise<DeliveryRow> {
    return deliver(row, {
      shouldGoOn: () => this.deps.owns(row.app),
      store: this.deps.db.notifications,
      channels: this.deps.channels,
      policy: this.policy,
      now: () => this.deps.clock.now(),
      signal: this.controller.signal,
      ...(this.deps.metrics ? { metrics: this.deps.metrics } : {}),
      ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
    });
  }

  private async resumePending(): Promise<void> {
    for (const row of await this.deps.db.notifications.pendingDeliveries()) {
      if (this.deps.owns(row.app)) this.track(this.send(row));
    }
  }
}

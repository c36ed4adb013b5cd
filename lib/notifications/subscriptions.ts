/**
 * Subscriptions and deliveries as the API and the Notifications page show them: a
 * subscription names its channel by name (resolved to its id when stored) and its triggers as
 * a list; a delivery carries its rendered text and every attempt.
 */
import type { DeliveryQuery, DeliveryRow, NotificationsStore, SubscriptionData, SubscriptionRow } from "@/lib/db/notifications";
import { NotFoundError } from "@/lib/errors";
import { triggersOf } from "./notifier";
import type { NotificationMessage } from "./message";
import type { SubscriptionCreate, SubscriptionUpdate } from "./schema";
import type { Trigger } from "./triggers";

/** A subscription as answered. */
export interface SubscriptionView {
  id: string;
  name: string;
  /** The channel's name. */
  channel: string;
  scope: "app" | "project" | "global";
  /** The app's or the project's name; empty for global. */
  target: string;
  triggers: Trigger[];
  driftGraceSeconds: number;
  /** The subscription's own template; null uses each trigger's default. */
  template: string | null;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** A delivery as answered, with its attempts. */
export interface DeliveryView {
  id: string;
  /** The subscription's name. */
  subscription: string;
  trigger: string;
  app: string;
  revision: string;
  /** `pending`, `sent` or `failed`. */
  status: string;
  /** The rendered text sent. */
  text: string;
  attemptCount: number;
  lastError: string | null;
  nextAttemptAt: Date | null;
  createdAt: Date;
  attempts: { number: number; at: Date; ok: boolean; code: number | null; error: string | null }[];
}

type Store = Pick<
  NotificationsStore,
  "listChannelRows" | "listSubscriptionRows" | "getSubscriptionRow" | "insertSubscriptionRow" | "updateSubscriptionRow" | "deleteSubscriptionRow" | "listDeliveries"
>;

/** Subscriptions and deliveries on one database; `onChange` is told after each write of a subscription. */
export function createSubscriptionRecords(store: Store, onChange: () => void = () => undefined) {
  async function channelNames(): Promise<Map<string, string>> {
    return new Map((await store.listChannelRows()).map((c) => [c.id, c.name]));
  }

  async function channelIdOf(name: string): Promise<string> {
    const channel = (await store.listChannelRows()).find((c) => c.name === name);
    if (!channel) throw new NotFoundError(`Notification channel "${name}" does not exist.`);
    return channel.id;
  }

  function toView(row: SubscriptionRow, names: Map<string, string>): SubscriptionView {
    return {
      id: row.id,
      name: row.name,
      channel: names.get(row.channelId) ?? row.channelId,
      scope: row.scope as SubscriptionView["scope"],
      target: row.target,
      triggers: triggersOf(row),
      driftGraceSeconds: row.driftGraceSeconds,
      template: row.template,
      enabled: row.enabled,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }

  /** Every subscription. */
  async function list(): Promise<SubscriptionView[]> {
    const names = await channelNames();
    return (await store.listSubscriptionRows()).map((row) => toView(row, names));
  }

  /** One subscription. @throws NotFoundError */
  async function get(id: string): Promise<SubscriptionView> {
    return toView(await store.getSubscriptionRow(id), await channelNames());
  }

  /** Stores a subscription. @throws NotFoundError (channel), ConflictError (name) */
  async function create(input: SubscriptionCreate): Promise<SubscriptionView> {
    const data: SubscriptionData = {
      name: input.name,
      channelId: await channelIdOf(input.channel),
      scope: input.scope,
      target: input.scope === "global" ? "" : input.target,
      triggers: JSON.stringify(input.triggers),
      driftGraceSeconds: input.driftGraceSeconds,
      template: input.template ?? null,
      enabled: input.enabled,
    };
    const row = await store.insertSubscriptionRow(data);
    onChange();
    return toView(row, await channelNames());
  }

  /** Changes a subscription. @throws NotFoundError, ConflictError */
  async function update(id: string, change: SubscriptionUpdate): Promise<SubscriptionView> {
    const data: Partial<SubscriptionData> = {
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.channel !== undefined ? { channelId: await channelIdOf(change.channel) } : {}),
      ...(change.scope !== undefined ? { scope: change.scope, target: change.scope === "global" ? "" : (change.target ?? "") } : {}),
      ...(change.triggers !== undefined ? { triggers: JSON.stringify(change.triggers) } : {}),
      ...(change.driftGraceSeconds !== undefined ? { driftGraceSeconds: change.driftGraceSeconds } : {}),
      ...(change.template !== undefined ? { template: change.template } : {}),
      ...(change.enabled !== undefined ? { enabled: change.enabled } : {}),
    };
    const row = await store.updateSubscriptionRow(id, data);
    onChange();
    return toView(row, await channelNames());
  }

  /** Deletes a subscription and its deliveries. @throws NotFoundError */
  async function remove(id: string): Promise<void> {
    await store.deleteSubscriptionRow(id);
    onChange();
  }

  /** Deliveries, newest first. */
  async function deliveries(query: DeliveryQuery = {}): Promise<DeliveryView[]> {
    const subscriptions = new Map((await store.listSubscriptionRows()).map((s) => [s.id, s.name]));
    return (await store.listDeliveries(query)).map((row: DeliveryRow) => ({
      id: row.id,
      subscription: subscriptions.get(row.subscriptionId) ?? row.subscriptionId,
      trigger: row.trigger,
      app: row.app,
      revision: row.revision,
      status: row.status,
      text: (JSON.parse(row.payload) as Partial<NotificationMessage>).text ?? "",
      attemptCount: row.attemptCount,
      lastError: row.lastError,
      nextAttemptAt: row.nextAttemptAt,
      createdAt: row.createdAt,
      attempts: row.attempts,
    }));
  }

  return { list, get, create, update, delete: remove, deliveries };
}

/** The subscription records' methods. */
export type SubscriptionRecords = ReturnType<typeof createSubscriptionRecords>;

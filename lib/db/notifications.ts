import { ConflictError, NotFoundError } from "@/lib/errors";
import type { Db } from "./client";

/** A notification channel's row as stored: `secret` is ciphertext, never plain. */
export interface ChannelRow {
  id: string;
  name: string;
  kind: string;
  /** JSON of the settings that are not secret. */
  config: string;
  /** AES-256-GCM ciphertext of the channel's secrets as JSON; null when it has none. */
  secret: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The columns a channel write sets; `secret` must already be encrypted. */
export type ChannelData = Pick<ChannelRow, "name" | "kind" | "config" | "secret">;

/** A subscription's row as stored. */
export interface SubscriptionRow {
  id: string;
  name: string;
  channelId: string;
  scope: string;
  target: string;
  /** JSON array of trigger names. */
  triggers: string;
  driftGraceSeconds: number;
  template: string | null;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** The columns a subscription write sets. */
export type SubscriptionData = Pick<SubscriptionRow, "name" | "channelId" | "scope" | "target" | "triggers" | "driftGraceSeconds" | "template" | "enabled">;

/** One attempt at a delivery, as stored. */
export interface AttemptRow {
  number: number;
  at: Date;
  ok: boolean;
  code: number | null;
  error: string | null;
}

/** A delivery's row as stored, with its attempts in order. */
export interface DeliveryRow {
  id: string;
  subscriptionId: string;
  trigger: string;
  app: string;
  revision: string;
  /** JSON of the rendered notification. */
  payload: string;
  status: string;
  attemptCount: number;
  lastError: string | null;
  nextAttemptAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  attempts: AttemptRow[];
}

/** The columns a new delivery sets. */
export type DeliveryData = Pick<DeliveryRow, "subscriptionId" | "trigger" | "app" | "revision" | "payload">;

/** Filters of the delivery list. */
export interface DeliveryQuery {
  /** Only deliveries in this status. */
  status?: string;
  /** Only deliveries of this app. */
  app?: string;
  /** @default 100 */
  limit?: number;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

const noChannel = (id: string) => new NotFoundError(`Notification channel "${id}" does not exist.`);
const noSubscription = (id: string) => new NotFoundError(`Notification subscription "${id}" does not exist.`);
const withAttempts = { attempts: { orderBy: { number: "asc" as const }, select: { number: true, at: true, ok: true, code: true, error: true } } };

/** Notification channels, subscriptions and deliveries on one database (ciphertext only). */
export function createNotificationsStore(db: Db) {
  async function listChannelRows(): Promise<ChannelRow[]> {
    return db.notificationChannel.findMany({ orderBy: { name: "asc" } });
  }

  /** One channel by id, or a NotFoundError. */
  async function getChannelRow(id: string): Promise<ChannelRow> {
    const row = await db.notificationChannel.findUnique({ where: { id } });
    if (!row) throw noChannel(id);
    return row;
  }

  /** Stores a new channel; a name taken is a ConflictError. */
  async function insertChannelRow(data: ChannelData): Promise<ChannelRow> {
    try {
      return await db.notificationChannel.create({ data });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`A notification channel named "${data.name}" already exists.`, { cause: error });
      throw error;
    }
  }

  /** Changes a channel (never its kind); a missing id is a NotFoundError. */
  async function updateChannelRow(id: string, data: Partial<Omit<ChannelData, "kind">>): Promise<ChannelRow> {
    try {
      const { count } = await db.notificationChannel.updateMany({ where: { id }, data });
      if (count === 0) throw noChannel(id);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`A notification channel named "${data.name}" already exists.`, { cause: error });
      throw error;
    }
    return getChannelRow(id);
  }

  /** Deletes a channel unless a subscription sends to it (ConflictError naming them). */
  async function deleteChannelRow(id: string): Promise<void> {
    await db.$transaction(async (tx) => {
      const used = await tx.notificationSubscription.findMany({ where: { channelId: id }, select: { name: true }, orderBy: { name: "asc" }, take: 5 });
      if (used.length > 0) throw new ConflictError(`The channel cannot be deleted while subscriptions send to it (${used.map((s) => s.name).join(", ")}).`);
      const { count } = await tx.notificationChannel.deleteMany({ where: { id } });
      if (count === 0) throw noChannel(id);
    });
  }

  async function listSubscriptionRows(): Promise<SubscriptionRow[]> {
    return db.notificationSubscription.findMany({ orderBy: { name: "asc" } });
  }

  /** One subscription by id, or a NotFoundError. */
  async function getSubscriptionRow(id: string): Promise<SubscriptionRow> {
    const row = await db.notificationSubscription.findUnique({ where: { id } });
    if (!row) throw noSubscription(id);
    return row;
  }

  async function writeSubscription(write: () => Promise<unknown>, data: Partial<SubscriptionData>): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`A notification subscription named "${data.name}" already exists.`, { cause: error });
      if (typeof error === "object" && error !== null && (error as { code?: string }).code === "P2003") throw noChannel(data.channelId ?? "");
      throw error;
    }
  }

  /** Stores a new subscription; a name taken is a ConflictError, a missing channel a NotFoundError. */
  async function insertSubscriptionRow(data: SubscriptionData): Promise<SubscriptionRow> {
    let row: SubscriptionRow | undefined;
    await writeSubscription(async () => (row = await db.notificationSubscription.create({ data })), data);
    return row as SubscriptionRow;
  }

  /** Changes a subscription; a missing id is a NotFoundError. */
  async function updateSubscriptionRow(id: string, data: Partial<SubscriptionData>): Promise<SubscriptionRow> {
    await writeSubscription(async () => {
      const { count } = await db.notificationSubscription.updateMany({ where: { id }, data });
      if (count === 0) throw noSubscription(id);
    }, data);
    return getSubscriptionRow(id);
  }

  /** Deletes a subscription and its deliveries; a missing id is a NotFoundError. */
  async function deleteSubscriptionRow(id: string): Promise<void> {
    const { count } = await db.notificationSubscription.deleteMany({ where: { id } });
    if (count === 0) throw noSubscription(id);
  }

  /**
   * Stores a delivery to send, `pending`, unless one with the same (subscription, trigger, app,
   * revision) exists: then answers undefined. The unique index decides, so two processes (or a
   * restart) cannot both send it.
   */
  async function insertDelivery(data: DeliveryData): Promise<DeliveryRow | undefined> {
    try {
      return await db.notificationDelivery.create({ data: { ...data, status: "pending" }, include: withAttempts });
    } catch (error) {
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
  }

  /** Records one attempt and the delivery's new status in one transaction. */
  async function recordAttempt(deliveryId: string, attempt: Omit<AttemptRow, "number">, next: { status: string; nextAttemptAt: Date | null }): Promise<DeliveryRow> {
    return db.$transaction(async (tx) => {
      const { attemptCount } = await tx.notificationDelivery.update({ where: { id: deliveryId }, data: { attemptCount: { increment: 1 } }, select: { attemptCount: true } });
      await tx.notificationAttempt.create({ data: { deliveryId, number: attemptCount, ...attempt } });
      return tx.notificationDelivery.update({
        where: { id: deliveryId },
        data: { status: next.status, nextAttemptAt: next.nextAttemptAt, lastError: attempt.ok ? null : attempt.error },
        include: withAttempts,
      });
    });
  }

  /** Deliveries, newest first, with their attempts. */
  async function listDeliveries(query: DeliveryQuery = {}): Promise<DeliveryRow[]> {
    return db.notificationDelivery.findMany({
      where: { ...(query.status ? { status: query.status } : {}), ...(query.app ? { app: query.app } : {}) },
      orderBy: { createdAt: "desc" },
      take: query.limit ?? 100,
      include: withAttempts,
    });
  }

  /** Deliveries still to send (a process ended during their retries), oldest first. */
  async function pendingDeliveries(limit = 100): Promise<DeliveryRow[]> {
    return db.notificationDelivery.findMany({ where: { status: "pending" }, orderBy: { createdAt: "asc" }, take: limit, include: withAttempts });
  }

  return {
    listChannelRows,
    getChannelRow,
    insertChannelRow,
    updateChannelRow,
    deleteChannelRow,
    listSubscriptionRows,
    getSubscriptionRow,
    insertSubscriptionRow,
    updateSubscriptionRow,
    deleteSubscriptionRow,
    insertDelivery,
    recordAttempt,
    listDeliveries,
    pendingDeliveries,
  };
}

/** The notifications store's methods. */
export type NotificationsStore = ReturnType<typeof createNotificationsStore>;

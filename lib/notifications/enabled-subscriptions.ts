/**
 * The enabled notification subscriptions, read once for many status changes: after a push that
 * moves a thousand apps, every app's new status asks which subscriptions cover it, and one read
 * of the (few) subscriptions serves them all instead of a query each (see `RecentReads`).
 */
import type { SubscriptionRow } from "@/lib/db/notifications";
import { RecentReads } from "@/lib/db/recent-reads";

/** How long one read of the subscriptions answers for. */
export const SUBSCRIPTIONS_FRESH_MS = 2_000;

/** True when `subscription` covers the app: a global one, the app's own, or its project's. */
export function coversApp(subscription: Pick<SubscriptionRow, "scope" | "target">, app: string, project: string): boolean {
  return subscription.scope === "global" || (subscription.scope === "app" && subscription.target === app) || (subscription.scope === "project" && subscription.target === project);
}

/** What {@link EnabledSubscriptions} reads from. */
export interface EnabledSubscriptionsSource {
  /** Every subscription, ordered by name. */
  listSubscriptionRows(): Promise<SubscriptionRow[]>;
}

/** The enabled subscriptions of one engine, read at most once per {@link SUBSCRIPTIONS_FRESH_MS}. */
export class EnabledSubscriptions {
  private readonly reads: RecentReads<"enabled", SubscriptionRow[]>;

  constructor(source: EnabledSubscriptionsSource, clock: { now(): number }, freshMs = SUBSCRIPTIONS_FRESH_MS) {
    this.reads = new RecentReads(async () => (await source.listSubscriptionRows()).filter((subscription) => subscription.enabled), clock, freshMs);
  }

  /** The enabled subscriptions that cover an app, ordered by name. */
  async coveringApp(app: string, project: string): Promise<SubscriptionRow[]> {
    return (await this.reads.get("enabled")).filter((subscription) => coversApp(subscription, app, project));
  }

  /** Forgets the last read (a subscription was just written). */
  forget(): void {
    this.reads.forget();
  }
}

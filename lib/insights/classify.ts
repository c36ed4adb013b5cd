/**
 * What each history record means for delivery: a deployment, a no-op sync, a rollback, a failed
 * sync, a Degraded observation. Pure; the one place these rules live (docs/insights.md).
 */
import type { DeliveryRecord } from "./records";

/** A record classified for delivery metrics; `at` is when it finished. */
export type DeliveryEvent =
  | { type: "deployment"; record: DeliveryRecord; at: Date }
  | { type: "rollback"; record: DeliveryRecord; at: Date }
  | { type: "failed-sync"; record: DeliveryRecord; at: Date };

/** An app's history classified: its events in time order, and the Degraded observations. */
export interface AppDelivery {
  app: string;
  project: string;
  /** Deployments, rollbacks and failed syncs, oldest first. */
  events: DeliveryEvent[];
  /** Every finished operation after which the app was compared Degraded, oldest first. */
  degraded: DeliveryRecord[];
  /** Every successful sync or rollback after which the app was compared Healthy, oldest first. */
  healthyAfter: DeliveryRecord[];
}

const SYNC_KINDS = new Set(["sync", "auto-sync", "self-heal"]);

/** Messages of failed syncs that applied nothing on purpose: a closed sync window, a termination before the start. */
const NOT_ATTEMPTED = [/^Not synced:/, /^terminated by .* before it started$/];

function isRealSync(record: DeliveryRecord): boolean {
  return SYNC_KINDS.has(record.kind) && !record.dryRun && record.finishedAt !== null;
}

/** A failed or errored sync that tried to apply (not a dry run, not held by a window, not terminated before it started). */
export function isFailedSync(record: DeliveryRecord): boolean {
  if (!isRealSync(record) || (record.phase !== "Failed" && record.phase !== "Error")) return false;
  return !NOT_ATTEMPTED.some((pattern) => pattern.test(record.message ?? ""));
}

/** A successful rollback that changed the cluster (not a dry run). */
export function isRollback(record: DeliveryRecord): boolean {
  return record.kind === "rollback" && !record.dryRun && record.phase === "Succeeded" && record.finishedAt !== null;
}

function byFinish(a: DeliveryRecord, b: DeliveryRecord): number {
  return (a.finishedAt?.getTime() ?? 0) - (b.finishedAt?.getTime() ?? 0) || a.startedAt.getTime() - b.startedAt.getTime();
}

/**
 * Classifies one app's records. A deployment is a successful full sync (manual, auto-sync or
 * self-heal; not a dry run, not selective) whose revision differs from the revision deployed
 * before it — the last deployment's or successful rollback's; the oldest sync history keeps
 * counts when nothing older is known. A successful sync of the revision already deployed is a
 * no-op and counts for nothing. Rollbacks and failed syncs are their own events.
 */
export function classifyApp(records: readonly DeliveryRecord[]): AppDelivery {
  const first = records[0];
  const finished = records.filter((r) => r.finishedAt !== null).sort(byFinish);
  const events: DeliveryEvent[] = [];
  let deployed: string | null | undefined;
  for (const record of finished) {
    const at = record.finishedAt as Date;
    if (isRollback(record)) {
      events.push({ type: "rollback", record, at });
      deployed = record.revision;
    } else if (isFailedSync(record)) {
      events.push({ type: "failed-sync", record, at });
    } else if (isRealSync(record) && record.phase === "Succeeded" && !record.selective) {
      if (deployed === undefined || record.revision !== deployed) events.push({ type: "deployment", record, at });
      deployed = record.revision;
    }
  }
  return {
    app: first?.app ?? "",
    project: first?.project ?? "",
    events,
    degraded: finished.filter((r) => !r.dryRun && r.healthAfter === "Degraded"),
    healthyAfter: finished.filter((r) => r.phase === "Succeeded" && !r.dryRun && r.healthAfter === "Healthy"),
  };
}

/** Groups records by app and classifies each app's history; apps in name order. */
export function classifyHistory(records: readonly DeliveryRecord[]): AppDelivery[] {
  const byApp = new Map<string, DeliveryRecord[]>();
  for (const record of records) {
    const list = byApp.get(record.app);
    if (list) list.push(record);
    else byApp.set(record.app, [record]);
  }
  return [...byApp.keys()].sort().map((app) => classifyApp(byApp.get(app) ?? []));
}

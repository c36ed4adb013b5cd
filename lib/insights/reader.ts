/**
 * Reads the Insights report from one database: the apps the caller sees, their kept history
 * (finished operations, a few columns each), then the pure figures.
 */
import type { DatabaseStores } from "@/lib/db/database";
import type { DeliveryHistoryRow } from "@/lib/db/operations";
import { HEALTH_STATUSES, type HealthStatus, type OperationKind, type OperationPhase } from "@/lib/types";
import { resolveInsightsQuery, type InsightsQuery } from "./query";
import type { DeliveryRecord } from "./records";
import { buildInsightsReport, type InsightsReport } from "./report";

/** Whether a stored `request` column names resources (a selective sync); unreadable JSON counts as full. */
function isSelective(request: string): boolean {
  try {
    const parsed = JSON.parse(request) as { resources?: unknown };
    return Array.isArray(parsed.resources) && parsed.resources.length > 0;
  } catch {
    return false;
  }
}

function healthOf(value: string | null): HealthStatus | null {
  return (HEALTH_STATUSES as readonly string[]).includes(value ?? "") ? (value as HealthStatus) : null;
}

/** A stored history row as the figures read it (pure). */
export function toDeliveryRecord(row: DeliveryHistoryRow, app: { name: string; project: string }): DeliveryRecord {
  return {
    id: row.id,
    app: app.name,
    project: app.project,
    kind: row.kind as OperationKind,
    phase: row.phase as OperationPhase,
    dryRun: row.dryRun,
    selective: isSelective(row.request),
    revision: row.revision,
    revisionCommittedAt: row.revisionCommittedAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    healthAfter: healthOf(row.healthAfter),
    message: row.message,
  };
}

/** The Insights reader on one database. */
export function createInsightsReader({ db, now = () => new Date() }: { db: Pick<DatabaseStores, "appSources" | "operations">; now?: () => Date }) {
  /** The report over the query's range, of the apps the query's `canSee` allows. */
  async function report(query: InsightsQuery = {}): Promise<InsightsReport> {
    const resolved = resolveInsightsQuery(query, now());
    const apps = (await db.appSources.listAppSources()).filter((a) => query.canSee?.(a.name) ?? true);
    const selected = apps.filter((a) => (!resolved.app || a.name === resolved.app) && (!resolved.project || a.project === resolved.project));
    const byId = new Map(selected.map((a) => [a.id, a]));
    const rows = selected.length === 0 ? [] : await db.operations.listDeliveryHistory(selected.length === apps.length && !query.canSee ? undefined : [...byId.keys()]);
    const records = rows.flatMap((row) => {
      const app = byId.get(row.appId);
      return app ? [toDeliveryRecord(row, app)] : [];
    });
    return buildInsightsReport(records, apps, resolved);
  }

  return { report };
}

/** The Insights reader's methods. */
export type InsightsReader = ReturnType<typeof createInsightsReader>;

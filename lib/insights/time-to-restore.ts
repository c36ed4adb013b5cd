/** Time to restore: from a failure history sees to the app's next healthy sync or rollback. Pure. */
import { classifyHistory, type AppDelivery } from "./classify";
import { isInRange, type DeliveryRecord, type TimeRange } from "./records";
import { median } from "./stats";

/** One failure and, when it ended, its restoration. */
export interface Incident {
  app: string;
  /** When history first saw the failure (ISO 8601). */
  startedAt: string;
  /** When the app was restored (ISO 8601); null while it is not. */
  restoredAt: string | null;
  /** Seconds from start to restoration; null while not restored. */
  seconds: number | null;
}

/** Time to restore over a range. */
export interface TimeToRestore {
  /** Incidents that started in the range. */
  incidents: number;
  restored: number;
  /** Incidents with no healthy sync or rollback after them yet. */
  unrestored: number;
  /** Median seconds to restore, of the restored incidents. */
  medianSeconds: number | null;
  list: Incident[];
}

type Point = { at: number; type: "failure" | "healthy" };

/** An app's failures and healthy ends, in time order; at one instant a failure comes first. */
function pointsOf(app: AppDelivery): Point[] {
  const points: Point[] = [
    ...app.events.filter((e) => e.type === "failed-sync").map((e) => ({ at: e.at.getTime(), type: "failure" as const })),
    ...app.events.filter((e) => e.type === "rollback").map((e) => ({ at: e.record.startedAt.getTime(), type: "failure" as const })),
    ...app.degraded.map((r) => ({ at: (r.finishedAt as Date).getTime(), type: "failure" as const })),
    ...app.healthyAfter.map((r) => ({ at: (r.finishedAt as Date).getTime(), type: "healthy" as const })),
  ];
  return points.sort((a, b) => a.at - b.at || (a.type === b.type ? 0 : a.type === "failure" ? -1 : 1));
}

/** One app's incidents: each opens at a failure while none is open and closes at the next healthy end. */
function incidentsOf(app: AppDelivery): Incident[] {
  const incidents: Incident[] = [];
  let open: number | undefined;
  for (const point of pointsOf(app)) {
    if (point.type === "failure" && open === undefined) open = point.at;
    else if (point.type === "healthy" && open !== undefined) {
      incidents.push({ app: app.app, startedAt: new Date(open).toISOString(), restoredAt: new Date(point.at).toISOString(), seconds: (point.at - open) / 1000 });
      open = undefined;
    }
  }
  if (open !== undefined) incidents.push({ app: app.app, startedAt: new Date(open).toISOString(), restoredAt: null, seconds: null });
  return incidents;
}

/**
 * Incidents starting in `range`: an incident starts when a sync fails, a rollback starts, or the
 * app is compared Degraded after an operation, and ends when a later successful sync or
 * rollback leaves the app compared Healthy.
 */
export function timeToRestore(records: readonly DeliveryRecord[], range: TimeRange): TimeToRestore {
  const list = classifyHistory(records)
    .flatMap(incidentsOf)
    .filter((incident) => isInRange(new Date(incident.startedAt), range))
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.app.localeCompare(b.app));
  const durations = list.flatMap((incident) => (incident.seconds === null ? [] : [incident.seconds]));
  return { incidents: list.length, restored: durations.length, unrestored: list.length - durations.length, medianSeconds: median(durations), list };
}

/** Deployment frequency: how many deployments (and, apart, rollbacks) finished in a range. Pure. */
import { classifyHistory } from "./classify";
import { daysIn, periodStarts, periodStart, type Period } from "./periods";
import { isInRange, type DeliveryRecord, type TimeRange } from "./records";

/** Deployments and rollbacks of one period. */
export interface PeriodCount {
  /** The period's start (ISO 8601, UTC). */
  start: string;
  deployments: number;
  rollbacks: number;
}

/** Deployment frequency over a range. */
export interface DeploymentFrequency {
  /** Deployments that finished in the range (see `classifyApp` for what counts). */
  deployments: number;
  /** Successful rollbacks that finished in the range; not deployments. */
  rollbacks: number;
  /** Deployments per day of the range. */
  perDay: number;
  /** Deployments per 7 days of the range. */
  perWeek: number;
  /** Every period overlapping the range, oldest first, empty ones included. */
  periods: PeriodCount[];
}

/** Counts deployments and rollbacks finishing in `range`, in total and per UTC day or week. */
export function deploymentFrequency(records: readonly DeliveryRecord[], range: TimeRange, period: Period = "day"): DeploymentFrequency {
  const counts = new Map(periodStarts(range, period).map((start) => [start.getTime(), { start: start.toISOString(), deployments: 0, rollbacks: 0 }]));
  let deployments = 0;
  let rollbacks = 0;
  for (const app of classifyHistory(records)) {
    for (const event of app.events) {
      if (event.type === "failed-sync" || !isInRange(event.at, range)) continue;
      const bucket = counts.get(periodStart(event.at, period).getTime());
      if (event.type === "deployment") {
        deployments += 1;
        if (bucket) bucket.deployments += 1;
      } else {
        rollbacks += 1;
        if (bucket) bucket.rollbacks += 1;
      }
    }
  }
  const days = daysIn(range);
  return { deployments, rollbacks, perDay: deployments / days, perWeek: (deployments / days) * 7, periods: [...counts.values()] };
}

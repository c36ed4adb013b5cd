/** Lead time for changes: from a revision's commit to its deployment finishing. Pure. */
import { classifyHistory } from "./classify";
import { isInRange, type DeliveryRecord, type TimeRange } from "./records";
import { median, percentile } from "./stats";

/** One deployment's lead time. */
export interface LeadTimeSample {
  app: string;
  revision: string | null;
  /** When the commit landed: its committer date (ISO 8601). */
  committedAt: string;
  /** When the deployment finished (ISO 8601). */
  deployedAt: string;
  /** Seconds from commit to deployment; 0 when the committer's clock ran ahead. */
  seconds: number;
}

/** Lead time for changes over a range. */
export interface LeadTime {
  /** Deployments finished in the range. */
  deployments: number;
  /** Of those, deployments whose commit time is recorded (the samples). */
  measured: number;
  medianSeconds: number | null;
  /** Nearest-rank 90th percentile. */
  p90Seconds: number | null;
  /** Each measured deployment, oldest first. */
  samples: LeadTimeSample[];
}

/** The lead time of every deployment finishing in `range` whose revision's committer date is known. */
export function leadTime(records: readonly DeliveryRecord[], range: TimeRange): LeadTime {
  const samples: LeadTimeSample[] = [];
  let deployments = 0;
  for (const app of classifyHistory(records)) {
    for (const event of app.events) {
      if (event.type !== "deployment" || !isInRange(event.at, range)) continue;
      deployments += 1;
      const committed = event.record.revisionCommittedAt;
      if (!committed) continue;
      samples.push({
        app: app.app,
        revision: event.record.revision,
        committedAt: committed.toISOString(),
        deployedAt: event.at.toISOString(),
        seconds: Math.max(0, (event.at.getTime() - committed.getTime()) / 1000),
      });
    }
  }
  samples.sort((a, b) => a.deployedAt.localeCompare(b.deployedAt) || a.app.localeCompare(b.app));
  const seconds = samples.map((s) => s.seconds);
  return { deployments, measured: samples.length, medianSeconds: median(seconds), p90Seconds: percentile(seconds, 90), samples };
}

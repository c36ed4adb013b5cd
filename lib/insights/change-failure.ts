/** Change failure rate: the share of deployments that a failure followed within a window. Pure. */
import { classifyHistory, type AppDelivery } from "./classify";
import { isInRange, type DeliveryRecord, type TimeRange } from "./records";

/** What followed a deployment and made it a failed change. */
export const FAILURE_CAUSES = ["rollback", "failed-sync", "degraded"] as const;
export type FailureCause = (typeof FAILURE_CAUSES)[number];

/** One deployment counted as a failed change. */
export interface FailedChange {
  app: string;
  revision: string | null;
  /** When the deployment finished (ISO 8601). */
  deployedAt: string;
  /** The first failure seen after it. */
  cause: FailureCause;
  /** When that failure was seen (ISO 8601). */
  at: string;
}

/** Change failure rate over a range. */
export interface ChangeFailureRate {
  /** Deployments finished in the range. */
  deployments: number;
  /** Of those, the ones a failure followed within the window. */
  failed: number;
  /** `failed / deployments`; null without deployments. */
  rate: number | null;
  windowSeconds: number;
  failures: FailedChange[];
}

/** The default window after a deployment in which a failure counts against it: one hour. */
export const DEFAULT_FAILURE_WINDOW_MS = 3_600_000;

/** Failure signals of one app, each with the time it was seen, oldest first. */
function signalsOf(app: AppDelivery): { cause: FailureCause; at: Date; id: string }[] {
  const signals = [
    ...app.events.filter((e) => e.type === "rollback").map((e) => ({ cause: "rollback" as const, at: e.record.startedAt, id: e.record.id })),
    ...app.events.filter((e) => e.type === "failed-sync").map((e) => ({ cause: "failed-sync" as const, at: e.at, id: e.record.id })),
    ...app.degraded.map((r) => ({ cause: "degraded" as const, at: r.finishedAt as Date, id: r.id })),
  ];
  return signals.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * Counts the deployments finishing in `range` that were followed — after they finished, within
 * `windowMs` and before the app's next deployment — by a rollback starting, a sync failing, or
 * the app compared Degraded at the end of an operation (the deployment's own included).
 */
export function changeFailureRate(records: readonly DeliveryRecord[], range: TimeRange, windowMs: number = DEFAULT_FAILURE_WINDOW_MS): ChangeFailureRate {
  const failures: FailedChange[] = [];
  let deployments = 0;
  for (const app of classifyHistory(records)) {
    const signals = signalsOf(app);
    const deploys = app.events.filter((e) => e.type === "deployment");
    deploys.forEach((deploy, index) => {
      if (!isInRange(deploy.at, range)) return;
      deployments += 1;
      const next = deploys[index + 1]?.at.getTime() ?? Infinity;
      const end = Math.min(deploy.at.getTime() + windowMs, next);
      const first = signals.find((s) => s.id === deploy.record.id || (s.at.getTime() > deploy.at.getTime() && s.at.getTime() <= end));
      if (first) failures.push({ app: app.app, revision: deploy.record.revision, deployedAt: deploy.at.toISOString(), cause: first.cause, at: first.at.toISOString() });
    });
  }
  return { deployments, failed: failures.length, rate: deployments === 0 ? null : failures.length / deployments, windowSeconds: windowMs / 1000, failures };
}

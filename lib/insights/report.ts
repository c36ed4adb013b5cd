/**
 * The Insights report: every figure over one range for all the selected apps together, per
 * project and per app, plus the series the page charts. Pure.
 */
import { isFailedSync } from "./classify";
import { changeFailureRate, type ChangeFailureRate } from "./change-failure";
import { deploymentFrequency, type DeploymentFrequency } from "./deployment-frequency";
import { leadTime, type LeadTime } from "./lead-time";
import type { ResolvedInsightsQuery } from "./query";
import { isInRange, type DeliveryRecord } from "./records";
import { timeToRestore, type TimeToRestore } from "./time-to-restore";

/** The four figures of one scope (all apps, a project or an app), without their series. */
export interface FigureSummary {
  deployments: number;
  rollbacks: number;
  deploymentsPerDay: number;
  failedSyncs: number;
  leadTime: Omit<LeadTime, "samples">;
  changeFailure: Omit<ChangeFailureRate, "failures">;
  timeToRestore: Omit<TimeToRestore, "list">;
}

/** The report the API answers and the page shows. */
export interface InsightsReport {
  range: { from: string; to: string; period: ResolvedInsightsQuery["period"]; windowSeconds: number };
  filters: { project: string | null; app: string | null };
  /** All selected apps together. */
  summary: FigureSummary;
  projects: ({ project: string } & FigureSummary)[];
  apps: ({ app: string; project: string } & FigureSummary)[];
  /** What the charts draw, for all selected apps together. */
  series: {
    periods: DeploymentFrequency["periods"];
    leadTimes: LeadTime["samples"];
    failures: ChangeFailureRate["failures"];
    incidents: TimeToRestore["list"];
  };
  /** The apps and projects the caller sees (before the filters), for the filter menus. */
  choices: { apps: string[]; projects: string[] };
}

function countFailedSyncs(records: readonly DeliveryRecord[], query: ResolvedInsightsQuery): number {
  return records.filter((r) => isFailedSync(r) && r.finishedAt !== null && isInRange(r.finishedAt, query.range)).length;
}

/** Every figure of `records` over the query's range. */
function figuresOf(records: readonly DeliveryRecord[], query: ResolvedInsightsQuery) {
  const frequency = deploymentFrequency(records, query.range, query.period);
  const lead = leadTime(records, query.range);
  const failure = changeFailureRate(records, query.range, query.windowMs);
  const restore = timeToRestore(records, query.range);
  const summary: FigureSummary = {
    deployments: frequency.deployments,
    rollbacks: frequency.rollbacks,
    deploymentsPerDay: frequency.perDay,
    failedSyncs: countFailedSyncs(records, query),
    leadTime: { deployments: lead.deployments, measured: lead.measured, medianSeconds: lead.medianSeconds, p90Seconds: lead.p90Seconds },
    changeFailure: { deployments: failure.deployments, failed: failure.failed, rate: failure.rate, windowSeconds: failure.windowSeconds },
    timeToRestore: { incidents: restore.incidents, restored: restore.restored, unrestored: restore.unrestored, medianSeconds: restore.medianSeconds },
  };
  return { summary, frequency, lead, failure, restore };
}

function groupBy(records: readonly DeliveryRecord[], key: (r: DeliveryRecord) => string): Map<string, DeliveryRecord[]> {
  const groups = new Map<string, DeliveryRecord[]>();
  for (const record of records) {
    const list = groups.get(key(record));
    if (list) list.push(record);
    else groups.set(key(record), [record]);
  }
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Builds the report from the history records of the apps the caller sees (`records`, all of
 * each app's kept history: what was deployed before the range decides what is a deployment in
 * it) and the apps themselves (so apps without history are listed with zero figures).
 */
export function buildInsightsReport(records: readonly DeliveryRecord[], apps: readonly { name: string; project: string }[], query: ResolvedInsightsQuery): InsightsReport {
  const selectedApps = apps.filter((a) => (!query.app || a.name === query.app) && (!query.project || a.project === query.project));
  const selected = new Set(selectedApps.map((a) => a.name));
  const chosen = records.filter((r) => selected.has(r.app));
  const all = figuresOf(chosen, query);
  const byApp = groupBy(chosen, (r) => r.app);
  const byProject = groupBy(chosen, (r) => r.project);
  const projectNames = [...new Set(selectedApps.map((a) => a.project))].sort();
  return {
    range: { from: query.range.from.toISOString(), to: query.range.to.toISOString(), period: query.period, windowSeconds: query.windowMs / 1000 },
    filters: { project: query.project ?? null, app: query.app ?? null },
    summary: all.summary,
    projects: projectNames.map((project) => ({ project, ...figuresOf(byProject.get(project) ?? [], query).summary })),
    apps: [...selectedApps].sort((a, b) => a.name.localeCompare(b.name)).map((a) => ({ app: a.name, project: a.project, ...figuresOf(byApp.get(a.name) ?? [], query).summary })),
    series: { periods: all.frequency.periods, leadTimes: all.lead.samples, failures: all.failure.failures, incidents: all.restore.list },
    choices: { apps: apps.map((a) => a.name).sort(), projects: [...new Set(apps.map((a) => a.project))].sort() },
  };
}

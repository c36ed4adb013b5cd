/**
 * The Insights report as CSV, in long form: one row per scope (all selected apps, each project,
 * each app) and figure, so a spreadsheet can pivot it whichever way. Empty `value` means the
 * figure has no value in the range (no deployments to take a median or a rate of).
 */
import { toCsv } from "@/lib/csv";
import type { FigureSummary, InsightsReport } from "./report";

/** The CSV's figures: name, unit and how to read it from a scope's summary. */
const FIGURES: readonly { name: string; unit: string; read: (s: FigureSummary) => number | null }[] = [
  { name: "deployments", unit: "count", read: (s) => s.deployments },
  { name: "deployments_per_day", unit: "per_day", read: (s) => s.deploymentsPerDay },
  { name: "rollbacks", unit: "count", read: (s) => s.rollbacks },
  { name: "failed_syncs", unit: "count", read: (s) => s.failedSyncs },
  { name: "lead_time_median", unit: "seconds", read: (s) => s.leadTime.medianSeconds },
  { name: "lead_time_p90", unit: "seconds", read: (s) => s.leadTime.p90Seconds },
  { name: "lead_time_measured", unit: "count", read: (s) => s.leadTime.measured },
  { name: "change_failure_rate", unit: "ratio", read: (s) => s.changeFailure.rate },
  { name: "failed_changes", unit: "count", read: (s) => s.changeFailure.failed },
  { name: "time_to_restore_median", unit: "seconds", read: (s) => s.timeToRestore.medianSeconds },
  { name: "incidents", unit: "count", read: (s) => s.timeToRestore.incidents },
  { name: "unrestored_incidents", unit: "count", read: (s) => s.timeToRestore.unrestored },
];

/** Rounds to 4 decimals so rates and per-day figures stay readable; integers stay as they are. */
function valueOf(value: number | null): string {
  return value === null ? "" : String(Math.round(value * 10_000) / 10_000);
}

/** The report's figures as CSV: `scope,project,app,figure,value,unit,from,to`. */
export function insightsCsv(report: InsightsReport): string {
  const header = ["scope", "project", "app", "figure", "value", "unit", "from", "to"];
  const scopes: { scope: string; project: string; app: string; summary: FigureSummary }[] = [
    { scope: "all", project: report.filters.project ?? "", app: report.filters.app ?? "", summary: report.summary },
    ...report.projects.map((p) => ({ scope: "project", project: p.project, app: "", summary: p })),
    ...report.apps.map((a) => ({ scope: "app", project: a.project, app: a.app, summary: a })),
  ];
  const rows = scopes.flatMap(({ scope, project, app, summary }) => FIGURES.map((f) => [scope, project, app, f.name, valueOf(f.read(summary)), f.unit, report.range.from, report.range.to]));
  return toCsv(header, rows);
}

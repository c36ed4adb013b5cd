/**
 * lib/insights — delivery metrics (DORA's four keys) from the history Lockstep already keeps:
 * deployment frequency, lead time for changes, change failure rate and time to restore, per app
 * and per project over a time range, and their CSV. The figures are pure functions of plain
 * history records (docs/insights.md defines each); the reader feeds them from the database.
 */
export { changeFailureRate, DEFAULT_FAILURE_WINDOW_MS, FAILURE_CAUSES, type ChangeFailureRate, type FailedChange, type FailureCause } from "./change-failure";
export { classifyApp, classifyHistory, isFailedSync, isRollback, type AppDelivery, type DeliveryEvent } from "./classify";
export { deploymentFrequency, type DeploymentFrequency, type PeriodCount } from "./deployment-frequency";
export { insightsCsv } from "./insights-csv";
export { leadTime, type LeadTime, type LeadTimeSample } from "./lead-time";
export { daysIn, periodStart, periodStarts, PERIODS, type Period } from "./periods";
export { MAX_RANGE_DAYS, RANGE_DAYS, resolveInsightsQuery, type InsightsQuery, type ResolvedInsightsQuery } from "./query";
export { createInsightsReader, toDeliveryRecord, type InsightsReader } from "./reader";
export { isInRange, type DeliveryRecord, type TimeRange } from "./records";
export { buildInsightsReport, type FigureSummary, type InsightsReport } from "./report";
export { median, percentile } from "./stats";
export { timeToRestore, type Incident, type TimeToRestore } from "./time-to-restore";

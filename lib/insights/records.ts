/**
 * The plain history records delivery metrics are computed from: one finished operation of an
 * app with only the facts the figures read. Built from stored history rows by the reader; the
 * figures themselves never touch a database.
 */
import type { HealthStatus, OperationKind, OperationPhase } from "@/lib/types";

/** One operation of an app's history, as the figures read it. */
export interface DeliveryRecord {
  /** The operation's id. */
  id: string;
  app: string;
  /** The app's project now (history does not keep the project an app had then). */
  project: string;
  kind: OperationKind;
  phase: OperationPhase;
  dryRun: boolean;
  /** True when only some resources were synced (a selective sync). */
  selective: boolean;
  /** The commit applied; for a rollback, the commit of the entry re-applied. */
  revision: string | null;
  /** The committer date of `revision`, when recorded. */
  revisionCommittedAt: Date | null;
  startedAt: Date;
  finishedAt: Date | null;
  /** The app's health as compared right after the operation ended, when recorded. */
  healthAfter: HealthStatus | null;
  /** The operation's message: a sync held by a window or terminated before it started says so. */
  message: string | null;
}

/** The time range figures cover: `[from, to)`, by the time operations finished. */
export interface TimeRange {
  from: Date;
  to: Date;
}

/** True when `at` lies in the half-open range `[from, to)`. */
export function isInRange(at: Date, range: TimeRange): boolean {
  const t = at.getTime();
  return t >= range.from.getTime() && t < range.to.getTime();
}

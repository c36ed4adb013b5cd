/**
 * Audit retention: entries older than `LOCKSTEP_AUDIT_RETENTION_DAYS` (default 90) are deleted
 * by a sweep that runs once at start and then daily. The sweep belongs to the Audit that
 * starts it; nothing here is global.
 */

/** The default retention, in days. */
export const DEFAULT_AUDIT_RETENTION_DAYS = 90;

/** How often the sweep runs. */
export const SWEEP_INTERVAL_MS = 24 * 3_600_000;

/** The retention in days from `LOCKSTEP_AUDIT_RETENTION_DAYS`; a value that is not a positive number gives the default. */
export function auditRetentionDays(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const days = Number(env.LOCKSTEP_AUDIT_RETENTION_DAYS);
  return env.LOCKSTEP_AUDIT_RETENTION_DAYS !== undefined && env.LOCKSTEP_AUDIT_RETENTION_DAYS.trim() !== "" && Number.isFinite(days) && days > 0
    ? days
    : DEFAULT_AUDIT_RETENTION_DAYS;
}

/** The instant before which entries are deleted, `days` before `now`. */
export function retentionCutoff(now: number, days: number): Date {
  return new Date(now - days * 24 * 3_600_000);
}

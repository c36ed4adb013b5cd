/** Builders of plain history records for the figures' tests. */
import type { DeliveryRecord } from "../records";

/** Minutes after 2026-11-01T00:00:00Z, as a Date. */
export function at(minutes: number): Date {
  return new Date(Date.UTC(2026, 10, 1) + minutes * 60_000);
}

let counter = 0;

/** A record: by default a successful manual sync of app `web` finishing a minute after it started. */
export function op(fields: Partial<DeliveryRecord> & { start: number; minutes?: number }): DeliveryRecord {
  const { start, minutes = 1, ...rest } = fields;
  counter += 1;
  return {
    id: `op-${counter}`,
    app: "web",
    project: "default",
    kind: "sync",
    phase: "Succeeded",
    dryRun: false,
    selective: false,
    revision: "a",
    revisionCommittedAt: null,
    startedAt: at(start),
    finishedAt: at(start + minutes),
    healthAfter: "Healthy",
    message: null,
    ...rest,
  };
}

/** The whole of November 2026 (UTC). */
export const NOVEMBER = { from: at(0), to: at(30 * 24 * 60) };

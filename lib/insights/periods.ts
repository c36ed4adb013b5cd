/**
 * Calendar periods in UTC: days start at 00:00 UTC and weeks on Monday 00:00 UTC, so a figure
 * never depends on the server's or the viewer's time zone. Pure.
 */
import type { TimeRange } from "./records";

/** How deployments are counted over time. */
export const PERIODS = ["day", "week"] as const;
export type Period = (typeof PERIODS)[number];

const DAY_MS = 86_400_000;

/** The start of the UTC period holding `at`. */
export function periodStart(at: Date, period: Period): Date {
  const day = Math.floor(at.getTime() / DAY_MS) * DAY_MS;
  if (period === "day") return new Date(day);
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  return new Date(day - weekday * DAY_MS);
}

/** The starts of every period overlapping `[from, to)`, oldest first. */
export function periodStarts(range: TimeRange, period: Period): Date[] {
  const step = period === "day" ? DAY_MS : 7 * DAY_MS;
  const starts: Date[] = [];
  for (let t = periodStart(range.from, period).getTime(); t < range.to.getTime(); t += step) starts.push(new Date(t));
  return starts;
}

/** The range's length in days (fractional), at least a millisecond's worth. */
export function daysIn(range: TimeRange): number {
  return Math.max(1, range.to.getTime() - range.from.getTime()) / DAY_MS;
}

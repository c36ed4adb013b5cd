/** What an Insights request asks: a time range, filters, the failure window, the period. Pure. */
import { ValidationError } from "@/lib/errors";
import { DEFAULT_FAILURE_WINDOW_MS } from "./change-failure";
import type { Period } from "./periods";
import type { TimeRange } from "./records";

/** The ranges the page offers, in days back from now. */
export const RANGE_DAYS = [7, 30, 90] as const;

/** The longest range a request may cover, in days. */
export const MAX_RANGE_DAYS = 366;

/** An Insights request as the API parses it; every field optional. */
export interface InsightsQuery {
  /** Start of the range (inclusive). With `to`; else the range is `days` back from now. */
  from?: Date;
  /** End of the range (exclusive). @default now */
  to?: Date;
  /** Days back from `to` when `from` is absent. @default 30 */
  days?: number;
  /** Only the apps of this project. */
  project?: string;
  /** Only this app. */
  app?: string;
  /** Minutes after a deployment in which a failure counts against it. @default 60 */
  windowMinutes?: number;
  /** How deployments are counted over time. @default "day" */
  period?: Period;
  /** Which apps the caller may see. @default all */
  canSee?: (app: string) => boolean;
}

/** An Insights request with its defaults applied and its range checked. */
export interface ResolvedInsightsQuery {
  range: TimeRange;
  windowMs: number;
  period: Period;
  project?: string;
  app?: string;
}

const DAY_MS = 86_400_000;

/** Applies the defaults (the last 30 days, a one-hour window, per day); a bad range is a ValidationError. */
export function resolveInsightsQuery(query: Omit<InsightsQuery, "canSee">, now: Date): ResolvedInsightsQuery {
  const to = query.to ?? now;
  const from = query.from ?? new Date(to.getTime() - (query.days ?? 30) * DAY_MS);
  if (from.getTime() >= to.getTime()) throw new ValidationError([{ field: "from", message: "The range must start before it ends (from < to)." }]);
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) throw new ValidationError([{ field: "from", message: `The range may cover at most ${MAX_RANGE_DAYS} days.` }]);
  return {
    range: { from, to },
    windowMs: query.windowMinutes === undefined ? DEFAULT_FAILURE_WINDOW_MS : query.windowMinutes * 60_000,
    period: query.period ?? "day",
    ...(query.project ? { project: query.project } : {}),
    ...(query.app ? { app: query.app } : {}),
  };
}

/** The Insights page's range and window from its search parameters. Pure. */
import { ValidationError } from "@/lib/errors";
import type { InsightsQuery } from "@/lib/insights/query";

/** The page's search parameters, as strings. */
export interface InsightsParams {
  /** `7`, `30`, `90` or `custom` (then `from` and `to`). */
  range?: string;
  /** `YYYY-MM-DD`, a UTC day. */
  from?: string;
  /** `YYYY-MM-DD`, a UTC day, included. */
  to?: string;
  app?: string;
  project?: string;
  /** Minutes. */
  window?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function dayOf(value: string, field: "from" | "to"): Date {
  const date = new Date(`${value}T00:00:00.000Z`);
  if (!DAY.test(value) || Number.isNaN(date.getTime())) throw new ValidationError([{ field, message: `${field} must be a day written YYYY-MM-DD.` }]);
  return date;
}

/**
 * The range asked: `from`..`to` whole UTC days (`to` included) when the range is `custom` or
 * both days are given without a range; else the last 7, 30 or 90 days (default 30).
 */
export function rangeFromParams(params: InsightsParams): Pick<InsightsQuery, "from" | "to" | "days" | "windowMinutes"> {
  const window = params.window ? Number(params.window) : undefined;
  if (window !== undefined && (!Number.isInteger(window) || window < 1 || window > 10_080)) throw new ValidationError([{ field: "window", message: "The window must be a whole number of minutes from 1 to 10080." }]);
  const windowPart = window === undefined ? {} : { windowMinutes: window };
  const custom = params.range === "custom" || (!params.range && params.from && params.to);
  if (custom) {
    if (!params.from || !params.to) throw new ValidationError([{ field: "from", message: "Choose both days of a custom range." }]);
    return { from: dayOf(params.from, "from"), to: new Date(dayOf(params.to, "to").getTime() + 86_400_000), ...windowPart };
  }
  const days = Number(params.range ?? "30");
  if (![7, 30, 90].includes(days)) throw new ValidationError([{ field: "range", message: "The range must be 7, 30 or 90 days, or custom." }]);
  return { days, ...windowPart };
}

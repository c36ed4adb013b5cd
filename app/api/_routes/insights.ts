/** Delivery metrics from history: the Insights report as JSON and as CSV. */
import { z } from "zod";
import { PERIODS } from "@/lib/insights/periods";
import { MAX_RANGE_DAYS } from "@/lib/insights/query";
import { declareRoute } from "../_shared/declaration";
import { INVALID, VIEWER_ERRORS } from "./answers";

/** The filters both Insights routes take. */
const insightsQuery = z.object({
  from: z.coerce.date({ error: "from must be a date (ISO 8601)." }).optional(),
  to: z.coerce.date({ error: "to must be a date (ISO 8601)." }).optional(),
  days: z.coerce.number({ error: "days must be a number." }).int("days must be a whole number.").min(1, "days must be at least 1.").max(MAX_RANGE_DAYS, `days may be at most ${MAX_RANGE_DAYS}.`).optional(),
  project: z.string().max(63).optional(),
  app: z.string().max(63).optional(),
  window: z.coerce.number({ error: "window must be a number of minutes." }).int("window must be a whole number of minutes.").min(1, "window must be at least 1 minute.").max(10_080, "window may be at most 10080 minutes (a week).").optional(),
  period: z.enum(PERIODS, { error: 'period must be "day" or "week".' }).optional(),
});

export const insightsRoute = declareRoute({
  method: "GET",
  path: "/api/insights",
  permission: "viewer",
  summary: "Delivery metrics of the apps the caller may see",
  description:
    "Deployment frequency, lead time for changes, change failure rate and time to restore over a range (`from`/`to`, or `days` back from now; default 30 days), for all selected apps, per project and per app, with the series the Insights page charts. `window` is the change-failure window in minutes (default 60); `period` counts deployments per `day` or `week`. Definitions: docs/insights.md.",
  query: insightsQuery,
  responses: { 200: { description: "The Insights report." }, ...VIEWER_ERRORS, ...INVALID },
});

export const insightsCsvRoute = declareRoute({
  method: "GET",
  path: "/api/insights.csv",
  permission: "viewer",
  summary: "Delivery metrics as CSV",
  description: "The Insights report's figures with the same filters, one row per scope (all, each project, each app) and figure: `scope,project,app,figure,value,unit,from,to`.",
  query: insightsQuery,
  responses: { 200: { description: "A CSV download.", contentType: "text/csv" }, ...VIEWER_ERRORS, ...INVALID },
});

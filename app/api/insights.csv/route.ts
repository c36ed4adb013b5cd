import { insightsCsvRoute } from "@/app/api/_routes/insights";
import { insightsQueryFor } from "@/app/api/_shared/insights-query";
import { route } from "@/app/api/_shared/route";
import { insightsCsv } from "@/lib/insights/insights-csv";

/** The Insights figures as a CSV download, one row per scope and figure (docs/insights.md). */
export const GET = route(insightsCsvRoute, async ({ engine, query, caller }) => {
  const report = await engine.insights(await insightsQueryFor(engine, caller, query));
  return new Response(insightsCsv(report), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="lockstep-insights.csv"' },
  });
});

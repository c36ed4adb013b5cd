import { insightsRoute } from "@/app/api/_routes/insights";
import { insightsQueryFor } from "@/app/api/_shared/insights-query";
import { route } from "@/app/api/_shared/route";

/** Delivery metrics of the apps the caller may see, over a range, per project and per app (docs/insights.md). */
export const GET = route(insightsRoute, async ({ engine, query, caller }) => engine.insights(await insightsQueryFor(engine, caller, query)));

import { historyCompareRoute } from "@/app/api/_routes/apps";
import { route } from "@/app/api/_shared/route";

/** The per-resource diff between the manifests two history entries applied (Secret values masked). */
export const GET = route(historyCompareRoute, async ({ engine, params, query }) => engine.operations.compareHistory(params.name, query.from, query.to));

import { diffRoute } from "@/app/api/_routes/apps";
import { route } from "@/app/api/_shared/route";
import { formatFieldPath } from "@/lib/diff";

/** The per-resource diff of Git against the cluster (Secret values masked). */
export const GET = route(diffRoute, async ({ engine, params, query }) => {
  const comparison = await engine.apps.comparison(params.name, query.refresh ? 0 : undefined);
  return {
    syncStatus: comparison.syncStatus,
    revision: comparison.revision ?? null,
    conditions: comparison.conditions,
    comparedAt: comparison.comparedAt,
    resources: comparison.resources.map(({ changedFields, ...resource }) => ({ ...resource, changedPaths: changedFields.map(formatFieldPath) })),
  };
});

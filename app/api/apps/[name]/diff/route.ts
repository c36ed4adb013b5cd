import { formatFieldPath } from "@/lib/diff";
import { getAppComparison } from "@/lib/engine";
import { respond } from "../../../_shared/respond";

/** The per-resource diff of Git against the cluster (Secret values masked). */
export async function GET(request: Request, { params }: { params: Promise<{ name: string }> }): Promise<Response> {
  return respond(async () => {
    const fresh = new URL(request.url).searchParams.get("refresh") === "true";
    const comparison = await getAppComparison((await params).name, fresh ? 0 : undefined);
    return {
      syncStatus: comparison.syncStatus,
      revision: comparison.revision ?? null,
      conditions: comparison.conditions,
      comparedAt: comparison.comparedAt,
      resources: comparison.resources.map(({ changedFields, ...resource }) => ({ ...resource, changedPaths: changedFields.map(formatFieldPath) })),
    };
  });
}

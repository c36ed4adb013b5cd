import { driftRoute } from "@/app/api/_routes/live";
import { route } from "@/app/api/_shared/route";
import { appVisibilityFor } from "@/app/_auth/app-project";
import { driftCsv } from "@/lib/drift/drift-csv";

/**
 * Every out-of-sync resource across the apps the caller may see, oldest drift first, with
 * the changed fields and the field managers that wrote them; filters `app`, `project` and `namespace`;
 * `format=csv` answers a CSV download.
 */
export const GET = route(driftRoute, async ({ engine, query, caller }) => {
  const report = await engine.drift({ app: query.app, project: query.project, namespace: query.namespace, canSee: await appVisibilityFor(engine, caller) });
  if (query.format !== "csv") return report;
  return new Response(driftCsv(report.entries), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="lockstep-drift.csv"' },
  });
});

import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import { driftCsv, listDrift } from "@/lib/drift";
import { requirePrincipal } from "../_shared/principal";
import { errorResponse, respond } from "../_shared/respond";

const driftQuery = z.object({
  app: z.string().max(63).optional(),
  namespace: z.string().max(63).optional(),
  format: z.enum(["json", "csv"], { error: 'Format must be "json" or "csv".' }).default("json"),
});

/**
 * Every out-of-sync resource across the apps the caller may see, oldest drift first, with
 * the changed fields and the field managers that wrote them; filters `app` and `namespace`;
 * `format=csv` answers a CSV download.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const principal = await requirePrincipal(request, { permission: "viewer" });
    const query = driftQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
    const report = await listDrift({ app: query.app, namespace: query.namespace, canSee: (app) => authorize(principal, { permission: "viewer", app }).allowed });
    if (query.format === "csv") {
      return new Response(driftCsv(report.entries), {
        headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="lockstep-drift.csv"' },
      });
    }
    return respond(async () => report);
  } catch (error) {
    return errorResponse(error);
  }
}

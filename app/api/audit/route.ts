import { z } from "zod";
import { auditEntriesToCsv } from "@/lib/audit/csv";
import { AUDIT_RESULTS, listAuditEntries } from "@/lib/db/audit";
import { requirePrincipal } from "../_shared/principal";
import { errorResponse } from "../_shared/respond";

const query = z.object({
  actor: z.string().max(200).optional(),
  app: z.string().max(253).optional(),
  action: z.string().max(100).optional(),
  result: z.enum(AUDIT_RESULTS).optional(),
  since: z.coerce.date({ error: "since must be a date." }).optional(),
  until: z.coerce.date({ error: "until must be a date." }).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
  format: z.enum(["json", "csv"]).default("json"),
});

/**
 * The audit log, newest first, filtered; `format=csv` downloads it as CSV. Read-only: no
 * route changes or deletes an entry.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    await requirePrincipal(request, { permission: "viewer" });
    const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ""));
    const { format, ...filters } = query.parse(params);
    const result = await listAuditEntries(filters);
    if (format === "csv") {
      return new Response(auditEntriesToCsv(result.entries), {
        headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="lockstep-audit.csv"' },
      });
    }
    return Response.json(result);
  } catch (error) {
    return errorResponse(error);
  }
}

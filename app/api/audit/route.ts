import { auditRoute } from "@/app/api/_routes/live";
import { route } from "@/app/api/_shared/route";
import { auditEntriesToCsv } from "@/lib/audit/csv";

/**
 * The audit log, newest first, filtered; `format=csv` downloads it as CSV. Read-only: no
 * route changes or deletes an entry.
 */
export const GET = route(auditRoute, async ({ engine, query }) => {
  const { format, ...filters } = query;
  const result = await engine.audit.list(filters);
  if (format !== "csv") return result;
  return new Response(auditEntriesToCsv(result.entries), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="lockstep-audit.csv"' },
  });
});

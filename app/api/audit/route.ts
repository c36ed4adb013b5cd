import { auditRoute } from "@/app/api/_routes/live";
import { route } from "@/app/api/_shared/route";
import { auditEntriesToCsv } from "@/lib/audit/csv";
import { visibleAppNames } from "@/app/_auth/app-project";

/**
 * The audit log, newest first, filtered; `format=csv` downloads it as CSV. Read-only: no
 * route changes or deletes an entry. A caller limited to projects sees only the entries of the
 * apps it may see (not those naming no app, such as account changes).
 */
export const GET = route(auditRoute, async ({ engine, query, caller }) => {
  const { format, ...filters } = query;
  const apps = caller.projects ? await visibleAppNames(engine, caller) : undefined;
  const result = await engine.audit.list({ ...filters, ...(apps ? { apps } : {}) });
  if (format !== "csv") return result;
  return new Response(auditEntriesToCsv(result.entries), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="lockstep-audit.csv"' },
  });
});

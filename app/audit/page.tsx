import Link from "next/link";
import { visibleAppNames } from "@/app/_auth/app-project";
import { requireUser } from "@/app/_auth/session";
import { Time } from "@/components/ui/time";
import { AUDIT_RESULTS, type AuditResult } from "@/lib/audit/results";
import { getEngine } from "@/lib/engine/current";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const PAGE_SIZE = 50;
const FILTERS = ["actor", "app", "action", "result", "since", "until"] as const;

function one(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
}

function date(value: string): Date | undefined {
  const parsed = value ? new Date(value) : undefined;
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed : undefined;
}

export default async function AuditPage({ searchParams }: Props) {
  const principal = await requireUser("viewer");
  const apps = principal.projects ? await visibleAppNames(getEngine(), principal) : undefined;
  const params = await searchParams;
  const filters = Object.fromEntries(FILTERS.map((f) => [f, one(params[f])])) as Record<(typeof FILTERS)[number], string>;
  const result = AUDIT_RESULTS.includes(filters.result as AuditResult) ? (filters.result as AuditResult) : undefined;
  const page = Math.max(1, Number(one(params.page)) || 1);
  const { entries, total } = await getEngine().audit.list({
    ...(filters.actor ? { actor: filters.actor } : {}),
    ...(filters.app ? { app: filters.app } : {}),
    ...(apps ? { apps } : {}),
    ...(filters.action ? { action: filters.action } : {}),
    ...(result ? { result } : {}),
    ...(date(filters.since) ? { since: date(filters.since) } : {}),
    ...(date(filters.until) ? { until: date(filters.until) } : {}),
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== ""));
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const input = "rounded-md border border-slate-300 px-2 py-1.5 text-sm";

  return (
    <div>
      <div className="mb-4 flex flex-wrap items-end gap-3">
        <h1 className="mr-auto text-2xl font-semibold">Audit log</h1>
        <a href={`/api/audit?${new URLSearchParams([...query, ["format", "csv"], ["limit", "10000"]])}`} className="text-sm text-indigo-700 hover:underline" download>
          Export CSV
        </a>
        <a href={`/api/audit?${new URLSearchParams([...query, ["format", "json"], ["limit", "10000"]])}`} className="text-sm text-indigo-700 hover:underline" download="lockstep-audit.json">
          Export JSON
        </a>
      </div>
      <form action="/audit" className="mb-4 flex flex-wrap gap-2">
        <input name="actor" defaultValue={filters.actor} placeholder="User or token:name" aria-label="Actor" className={input} />
        <input name="app" defaultValue={filters.app} placeholder="App" aria-label="App" className={input} />
        <input name="action" defaultValue={filters.action} placeholder="Action, e.g. app.sync" aria-label="Action" className={input} />
        <select name="result" defaultValue={result ?? ""} aria-label="Result" className={input}>
          <option value="">All results</option>
          {AUDIT_RESULTS.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <input name="since" type="date" defaultValue={filters.since} aria-label="Since" className={input} />
        <input name="until" type="date" defaultValue={filters.until} aria-label="Until" className={input} />
        <button className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100">Filter</button>
      </form>
      {entries.length === 0 ? (
        <p className="text-sm text-slate-500">No audit entry matches.</p>
      ) : (
        <table className="min-w-full divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm">
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            <tr>
              {["When", "Who", "What", "App", "From", "Result", "Request"].map((h) => (
                <th key={h} className="px-3 py-2">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {entries.map((e) => (
              <tr key={e.id} data-testid="audit-entry">
                <td className="px-3 py-2 text-xs">
                  <Time value={e.at} />
                </td>
                <td className="px-3 py-2">{e.actor}</td>
                <td className="px-3 py-2 font-mono text-xs">{e.action}</td>
                <td className="px-3 py-2">{e.app ?? "—"}</td>
                <td className="px-3 py-2 font-mono text-xs">{e.address ?? "—"}</td>
                <td className="px-3 py-2" title={e.detail ?? undefined}>
                  <span className={e.result === "succeeded" ? "text-emerald-700" : e.result === "denied" ? "text-amber-700" : "text-rose-700"}>{e.result}</span>{" "}
                  <span className="text-xs text-slate-500">{e.status}</span>
                  {e.detail && <p className="text-xs text-slate-500">{e.detail}</p>}
                </td>
                <td className="px-3 py-2 font-mono text-xs text-slate-500">
                  {e.method} {e.path}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="mt-3 flex items-center justify-between text-sm text-slate-600">
        <span>
          {total} entr{total === 1 ? "y" : "ies"} · page {page} of {pages}
        </span>
        <span className="flex gap-3">
          {page > 1 && <Link href={`/audit?${new URLSearchParams([...query, ["page", String(page - 1)]])}`}>← Newer</Link>}
          {page < pages && <Link href={`/audit?${new URLSearchParams([...query, ["page", String(page + 1)]])}`}>Older →</Link>}
        </span>
      </div>
    </div>
  );
}

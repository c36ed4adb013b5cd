import Link from "next/link";
import { Time } from "@/components/ui/time";
import type { DriftEntry } from "@/lib/drift/report";
import { FieldChanges } from "./field-changes";

/** One row per out-of-sync resource: app, resource, since when, fields and their writers. */
export function DriftTable({ entries }: { entries: DriftEntry[] }) {
  if (entries.length === 0) {
    return <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-slate-600">No drift: every resource matches Git.</div>;
  }
  return (
    <table className="min-w-full divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm" data-testid="drift-table">
      <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
        <tr>
          <th className="px-4 py-2">Out of sync since</th>
          <th className="px-4 py-2">Application</th>
          <th className="px-4 py-2">Resource</th>
          <th className="px-4 py-2">State</th>
          <th className="px-4 py-2">Changed fields</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {entries.map((e) => (
          <tr key={`${e.app}/${e.subject}`} data-testid="drift-row">
            <td className="px-4 py-2 text-xs text-slate-600">{e.driftSince ? <Time value={e.driftSince} /> : "unknown"}</td>
            <td className="px-4 py-2">
              <Link href={`/apps/${e.app}?tab=diff`} className="text-indigo-700 hover:underline">
                {e.app}
              </Link>
              <span className="block text-xs text-slate-500" data-testid="drift-project">
                {e.project}
              </span>
            </td>
            <td className="px-4 py-2 font-mono text-xs">
              {e.kind} {e.namespace ? `${e.namespace}/` : ""}
              {e.name}
            </td>
            <td className="px-4 py-2 text-xs text-slate-600">
              {e.state}
              {e.refusal && <span className="mt-0.5 block text-rose-700">{e.refusal}</span>}
            </td>
            <td className="px-4 py-2">{e.changes.length > 0 ? <FieldChanges changes={e.changes} /> : <span className="text-xs text-slate-500">—</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

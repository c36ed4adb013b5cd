import Link from "next/link";
import type { FigureSummary } from "@/lib/insights/report";
import { formatDuration, formatRate } from "./format";

/** One row of the table: a project or an app, with where its name links to. */
export interface FiguresRow extends FigureSummary {
  name: string;
  href: string;
  /** The app's project, shown under an app's name. */
  project?: string;
}

/** Each project's or app's figures side by side. */
export function FiguresTable({ caption, rows, testId }: { caption: string; rows: readonly FiguresRow[]; testId: string }) {
  if (rows.length === 0) return null;
  return (
    <table className="min-w-full divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm" data-testid={testId}>
      <caption className="mb-2 text-left text-sm font-semibold text-slate-700">{caption}</caption>
      <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
        <tr>
          <th className="px-4 py-2">Name</th>
          <th className="px-4 py-2 text-right">Deployments</th>
          <th className="px-4 py-2 text-right">Rollbacks</th>
          <th className="px-4 py-2 text-right">Failed syncs</th>
          <th className="px-4 py-2 text-right">Lead time (median / p90)</th>
          <th className="px-4 py-2 text-right">Change failure rate</th>
          <th className="px-4 py-2 text-right">Time to restore</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => (
          <tr key={row.name} data-testid={`${testId}-row`}>
            <td className="px-4 py-2">
              <Link href={row.href} className="text-indigo-700 hover:underline">
                {row.name}
              </Link>
              {row.project && <span className="block text-xs text-slate-500">{row.project}</span>}
            </td>
            <td className="px-4 py-2 text-right tabular-nums">{row.deployments}</td>
            <td className="px-4 py-2 text-right tabular-nums">{row.rollbacks}</td>
            <td className="px-4 py-2 text-right tabular-nums">{row.failedSyncs}</td>
            <td className="px-4 py-2 text-right tabular-nums">
              {formatDuration(row.leadTime.medianSeconds)} / {formatDuration(row.leadTime.p90Seconds)}
            </td>
            <td className="px-4 py-2 text-right tabular-nums">
              {formatRate(row.changeFailure.rate)} <span className="text-xs text-slate-500">({row.changeFailure.failed}/{row.changeFailure.deployments})</span>
            </td>
            <td className="px-4 py-2 text-right tabular-nums">
              {formatDuration(row.timeToRestore.medianSeconds)}
              {row.timeToRestore.unrestored > 0 && <span className="block text-xs text-amber-700">{row.timeToRestore.unrestored} not restored</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

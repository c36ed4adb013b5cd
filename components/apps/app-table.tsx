import Link from "next/link";
import type { AppListRow } from "@/lib/engine/facade";
import { HealthBadge, PhaseBadge, SyncBadge } from "@/components/ui/badges";
import { Time } from "@/components/ui/time";

/** The Applications list: one row per app, linking to its page; `data-app-row` names the app for keyboard navigation. */
export function AppTable({ rows }: { rows: AppListRow[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-4 py-2">Name</th>
            <th className="px-4 py-2">Sync</th>
            <th className="px-4 py-2">Health</th>
            <th className="px-4 py-2">Revision</th>
            <th className="px-4 py-2">Last sync</th>
            <th className="px-4 py-2">Destination</th>
            <th className="px-4 py-2">Project</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((app) => (
            <tr
              key={app.id}
              data-testid={`app-row-${app.name}`}
              data-app-row={app.name}
              className="data-[focused=true]:bg-indigo-50 data-[focused=true]:outline-2 data-[focused=true]:-outline-offset-2 data-[focused=true]:outline-indigo-500"
            >
              <td className="px-4 py-2 font-medium">
                <Link href={`/apps/${app.name}`} className="text-indigo-700 hover:underline">
                  {app.name}
                </Link>
                {(app.rolledBackTo || app.autoSyncPaused) && (
                  <span
                    className="ml-2 inline-flex items-center rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-inset ring-amber-300"
                    title={app.rolledBackTo ? `Rolled back to ${app.rolledBackTo.slice(0, 7)}; automated sync ${app.autoSyncPaused ? "paused" : "off"}` : "Automated sync paused"}
                    data-testid="rollback-badge"
                  >
                    {app.rolledBackTo ? `Rolled back to ${app.rolledBackTo.slice(0, 7)}` : "Auto-sync paused"}
                  </span>
                )}
                {app.status.conditions.length > 0 && (
                  <span className="ml-2 text-xs text-rose-700" title={app.status.conditions[0]?.message}>
                    ⚠ {app.status.conditions[0]?.type}
                  </span>
                )}
              </td>
              <td className="px-4 py-2">
                <SyncBadge status={app.status.syncStatus} />
              </td>
              <td className="px-4 py-2">
                <HealthBadge status={app.status.healthStatus} />
              </td>
              <td className="max-w-xs truncate px-4 py-2">
                {app.status.revision ? (
                  <span title={app.status.revisionSubject ?? ""}>
                    <code className="text-xs">{app.status.revision.slice(0, 7)}</code> {app.status.revisionSubject}
                  </span>
                ) : (
                  <span className="text-slate-400">—</span>
                )}
              </td>
              <td className="px-4 py-2 text-xs">
                {app.lastOperation ? (
                  <span className="flex items-center gap-2">
                    <PhaseBadge phase={app.lastOperation.phase} />
                    <Time value={app.lastOperation.finishedAt ?? app.lastOperation.startedAt} />
                  </span>
                ) : (
                  <span className="text-slate-400">never</span>
                )}
              </td>
              <td className="px-4 py-2 text-xs text-slate-600">
                {app.destCluster}/{app.destNamespace}
              </td>
              <td className="px-4 py-2 text-xs" data-testid="app-project">
                <Link href={`/?${new URLSearchParams({ project: app.project })}`} className="text-slate-600 hover:underline" title={`Only the apps of project ${app.project}`}>
                  {app.project}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

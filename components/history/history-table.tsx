import type { OperationRecord } from "@/lib/db/operations";
import { PhaseBadge } from "@/components/ui/badges";
import { Time } from "@/components/ui/time";

/** The app's operations, newest first, each with its per-resource results. */
export function HistoryTable({ operations }: { operations: OperationRecord[] }) {
  if (operations.length === 0) return <p className="text-sm text-slate-500">No operation yet.</p>;
  return (
    <ul className="space-y-3">
      {operations.map((op) => (
        <li key={op.id} className="rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="history-entry">
          <div className="flex flex-wrap items-center gap-3">
            <PhaseBadge phase={op.phase} />
            <span className="font-medium">{op.kind}</span>
            {op.dryRun && <span className="text-xs text-slate-500">(dry run)</span>}
            <span className="text-slate-600">by {op.initiator}</span>
            <Time value={op.startedAt} />
            {op.finishedAt && <span className="text-xs text-slate-500">{((op.finishedAt.getTime() - op.startedAt.getTime()) / 1000).toFixed(1)} s</span>}
          </div>
          {op.revision && (
            <p className="mt-1 text-xs text-slate-600">
              <code>{op.revision.slice(0, 7)}</code> {op.revisionSubject} — {op.revisionAuthor}
            </p>
          )}
          {op.message && <p className="mt-1 text-slate-700">{op.message}</p>}
          {op.results.length > 0 && (
            <details className="mt-2">
              <summary className="cursor-pointer text-xs text-slate-600">{op.results.length} resource result(s)</summary>
              <ul className="mt-1 space-y-0.5 text-xs">
                {op.results.map((r) => (
                  <li key={r.subject}>
                    <span className="font-mono">{r.subject}</span> — <span className={r.action === "failed" ? "text-rose-700" : ""}>{r.action}</span>
                    {r.message && <span className="text-slate-500"> ({r.message})</span>}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}

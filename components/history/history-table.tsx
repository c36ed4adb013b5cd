import Link from "next/link";
import { ResultLine, resultKey } from "./result-line";
import type { OperationRecord } from "@/lib/engine/facade";
import { PhaseBadge } from "@/components/ui/badges";
import { Time } from "@/components/ui/time";
import { RollbackButton } from "./rollback-button";

/** What started an operation, in words. */
function triggerOf(op: OperationRecord): string {
  switch (op.kind) {
    case "auto-sync":
      return "automated sync (Git changed)";
    case "self-heal":
      return "self-heal (live drifted)";
    case "rollback":
      return "stored manifests re-applied, not Git";
    default:
      return "manual sync";
  }
}

function durationOf(op: OperationRecord): string | null {
  if (!op.finishedAt) return null;
  const seconds = (op.finishedAt.getTime() - op.startedAt.getTime()) / 1000;
  return seconds < 60 ? `${seconds.toFixed(1)} s` : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

/** Options of {@link HistoryTable}. */
export interface HistoryTableProps {
  name: string;
  operations: OperationRecord[];
  /** Ids of the entries that stored manifests: they can be compared, and rolled back to when successful. */
  withManifests: string[];
  /** The app's prune setting, the rollback dialog's default. */
  prune: boolean;
  /** True while an operation runs: rollback is refused then. */
  running: boolean;
}

/**
 * The app's operations, newest first: trigger, initiator, revision, start, duration, phase,
 * per-resource results and log. Two entries can be picked for a manifest comparison, and a
 * successful one rolled back to.
 */
export function HistoryTable({ name, operations, withManifests, prune, running }: HistoryTableProps) {
  if (operations.length === 0) return <p className="text-sm text-slate-500">No operation yet.</p>;
  const comparable = new Set(withManifests);
  const previousComparable = (index: number) => operations.slice(index + 1).find((op) => comparable.has(op.id));
  return (
    <form action={`/apps/${name}/compare`} method="get">
      {comparable.size >= 2 && (
        <div className="mb-3 flex items-center gap-3 text-sm text-slate-600">
          <span>Pick an entry in column A and one in column B, then</span>
          <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-100">
            Compare manifests
          </button>
        </div>
      )}
      <ul className="space-y-3">
        {operations.map((op, index) => {
          const previous = previousComparable(index);
          const canCompare = comparable.has(op.id);
          const canRollBack = canCompare && op.phase === "Succeeded" && !op.dryRun;
          const duration = durationOf(op);
          return (
            <li key={op.id} className="rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="history-entry" data-operation-id={op.id}>
              <div className="flex flex-wrap items-center gap-3">
                <PhaseBadge phase={op.phase} />
                <span className="font-medium">{op.kind}</span>
                <span className="text-xs text-slate-500">{triggerOf(op)}</span>
                {op.dryRun && <span className="text-xs text-slate-500">(dry run)</span>}
                <span className="text-slate-600">by {op.initiator}</span>
                <Time value={op.startedAt} />
                {duration && <span className="text-xs text-slate-500">{duration}</span>}
                <span className="ml-auto flex items-center gap-3">
                  {canCompare && (
                    <span className="flex items-center gap-2 text-xs text-slate-600">
                      <label className="flex items-center gap-1">
                        <input type="radio" name="from" value={op.id} aria-label={`Compare from ${op.id}`} /> A
                      </label>
                      <label className="flex items-center gap-1">
                        <input type="radio" name="to" value={op.id} aria-label={`Compare to ${op.id}`} /> B
                      </label>
                    </span>
                  )}
                  {canCompare && previous && (
                    <Link href={`/apps/${name}/compare?from=${previous.id}&to=${op.id}`} className="text-xs text-indigo-700 hover:underline">
                      Compare with previous
                    </Link>
                  )}
                  {canRollBack && <RollbackButton name={name} operationId={op.id} revision={op.revision} prune={prune} disabled={running} />}
                </span>
              </div>
              {op.revision && (
                <p className="mt-1 text-xs text-slate-600" data-testid="history-revision">
                  <code>{op.revision.slice(0, 7)}</code> {op.revisionSubject} — {op.revisionAuthor}
                </p>
              )}
              {op.message && <p className="mt-1 text-slate-700">{op.message}</p>}
              {op.results.length > 0 && (
                <details className="mt-2">
                  <summary className="cursor-pointer text-xs text-slate-600">
                    {op.results.length}
                    {op.resourceCount !== null && op.phase === "Running" ? ` of ${op.resourceCount}` : ""} resource result(s)
                  </summary>
                  <ul className="mt-1 space-y-0.5 text-xs">
                    {op.results.map((r) => (
                      <ResultLine key={resultKey(r)} result={r} withMessage />
                    ))}
                  </ul>
                </details>
              )}
              {op.log.length > 0 && (
                <details className="mt-2">
                  <summary className="cursor-pointer text-xs text-slate-600">Log ({op.log.length})</summary>
                  <ul className="mt-1 space-y-0.5 font-mono text-xs text-slate-600">
                    {op.log.map((entry, i) => (
                      <li key={i}>
                        <Time value={entry.at} /> {entry.message}
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </li>
          );
        })}
      </ul>
    </form>
  );
}

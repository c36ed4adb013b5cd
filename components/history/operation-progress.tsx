import type { OperationRecord } from "@/lib/engine/facade";
import { PhaseBadge } from "@/components/ui/badges";
import { Time } from "@/components/ui/time";
import { ResultLine, resultKey } from "./result-line";
import { TerminateButton } from "./terminate-button";

/**
 * The running operation of an app, resource by resource as results come in (the page is
 * refreshed on each `operation` event), with a button to terminate it.
 */
export function OperationProgress({ name, operation }: { name: string; operation: OperationRecord }) {
  const done = operation.results.filter((r) => r.action !== "unchanged" && r.action !== "skipped").length;
  const total = operation.resourceCount;
  const percent = total ? Math.min(100, Math.round((done / total) * 100)) : 0;
  const hooks = operation.results.filter((r) => r.hook);
  const last = operation.results.filter((r) => !r.hook).slice(-8);
  return (
    <section className="mb-4 rounded-lg border border-sky-200 bg-sky-50 p-4 text-sm" data-testid="operation-progress" aria-live="polite">
      <div className="flex flex-wrap items-center gap-3">
        <PhaseBadge phase={operation.phase} />
        <span className="font-medium">{operation.kind}</span>
        {operation.syncPhase && (
          <span className="rounded bg-white px-1.5 text-xs text-slate-700" data-testid="operation-sync-phase">
            phase {operation.syncPhase}
          </span>
        )}
        <span className="text-slate-600">by {operation.initiator}, started</span>
        <Time value={operation.startedAt} />
        <span className="text-slate-700" data-testid="operation-progress-count">
          {done}
          {total !== null ? ` of ${total}` : ""} resource(s) done
        </span>
        <span className="ml-auto">
          <TerminateButton name={name} operationId={operation.id} terminating={operation.phase === "Terminating"} />
        </span>
      </div>
      {total ? (
        <div className="mt-2 h-1.5 w-full overflow-hidden rounded bg-sky-100">
          <div className="h-full bg-sky-500" style={{ width: `${percent}%` }} />
        </div>
      ) : null}
      {hooks.length > 0 && (
        <ul className="mt-2 space-y-0.5 text-xs" aria-label="Hooks">
          {hooks.map((r) => (
            <ResultLine key={resultKey(r)} result={r} withMessage />
          ))}
        </ul>
      )}
      {last.length > 0 && (
        <ul className="mt-2 space-y-0.5 text-xs">
          {last.map((r) => (
            <ResultLine key={resultKey(r)} result={r} />
          ))}
        </ul>
      )}
      {operation.log.length > 0 && <p className="mt-2 font-mono text-xs text-slate-600">{operation.log.at(-1)?.message}</p>}
    </section>
  );
}

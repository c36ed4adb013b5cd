import type { HealthStatus, OperationPhase, SyncStatus } from "@/lib/types";

const SYNC_STYLES: Record<SyncStatus, string> = {
  Synced: "bg-emerald-100 text-emerald-800 ring-emerald-200",
  OutOfSync: "bg-amber-100 text-amber-900 ring-amber-200",
  Unknown: "bg-slate-100 text-slate-700 ring-slate-200",
};

const HEALTH_STYLES: Record<HealthStatus, string> = {
  Healthy: "bg-emerald-100 text-emerald-800 ring-emerald-200",
  Progressing: "bg-sky-100 text-sky-800 ring-sky-200",
  Degraded: "bg-rose-100 text-rose-800 ring-rose-200",
  Suspended: "bg-violet-100 text-violet-800 ring-violet-200",
  Missing: "bg-amber-100 text-amber-900 ring-amber-200",
  Unknown: "bg-slate-100 text-slate-700 ring-slate-200",
};

const PHASE_STYLES: Record<OperationPhase, string> = {
  Queued: "bg-slate-100 text-slate-700 ring-slate-200",
  Running: "bg-sky-100 text-sky-800 ring-sky-200",
  Terminating: "bg-sky-100 text-sky-800 ring-sky-200",
  Succeeded: "bg-emerald-100 text-emerald-800 ring-emerald-200",
  Failed: "bg-rose-100 text-rose-800 ring-rose-200",
  Error: "bg-rose-100 text-rose-800 ring-rose-200",
};

const BASE = "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset";

/** An app's or resource's sync status. */
export function SyncBadge({ status }: { status: SyncStatus }) {
  return (
    <span className={`${BASE} ${SYNC_STYLES[status]}`} data-testid="sync-status">
      {status}
    </span>
  );
}

/** An app's or resource's health. */
export function HealthBadge({ status }: { status: HealthStatus }) {
  return <span className={`${BASE} ${HEALTH_STYLES[status]}`}>{status}</span>;
}

/** An operation's phase. */
export function PhaseBadge({ phase }: { phase: OperationPhase }) {
  return <span className={`${BASE} ${PHASE_STYLES[phase]}`}>{phase}</span>;
}

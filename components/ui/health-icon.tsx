import type { HealthStatus, SyncStatus } from "@/lib/types";

const HEALTH_ICONS: Record<HealthStatus, { symbol: string; className: string }> = {
  Healthy: { symbol: "♥", className: "text-emerald-600" },
  Progressing: { symbol: "◔", className: "text-sky-600" },
  Degraded: { symbol: "✖", className: "text-rose-600" },
  Suspended: { symbol: "❚❚", className: "text-violet-600" },
  Missing: { symbol: "◌", className: "text-amber-600" },
  Unknown: { symbol: "?", className: "text-slate-500" },
};

const SYNC_ICONS: Record<SyncStatus, { symbol: string; className: string }> = {
  Synced: { symbol: "✓", className: "text-emerald-600" },
  OutOfSync: { symbol: "↯", className: "text-amber-600" },
  Unknown: { symbol: "?", className: "text-slate-500" },
};

/** The symbol of each health status, for pictures that draw their own icons (the resource graph). */
export const HEALTH_SYMBOLS: Record<HealthStatus, string> = Object.fromEntries(Object.entries(HEALTH_ICONS).map(([status, icon]) => [status, icon.symbol])) as Record<HealthStatus, string>;

/** The symbol of each sync status. */
export const SYNC_SYMBOLS: Record<SyncStatus, string> = Object.fromEntries(Object.entries(SYNC_ICONS).map(([status, icon]) => [status, icon.symbol])) as Record<SyncStatus, string>;

/** A compact health icon with the status (and reason) as its label. */
export function HealthIcon({ status, message }: { status: HealthStatus; message?: string }) {
  const icon = HEALTH_ICONS[status];
  const label = message ? `${status}: ${message}` : status;
  return (
    <span className={`inline-block w-4 text-center ${icon.className}`} title={label} aria-label={label} data-health={status}>
      {icon.symbol}
    </span>
  );
}

/** A compact sync icon with the status as its label. */
export function SyncIcon({ status }: { status: SyncStatus }) {
  const icon = SYNC_ICONS[status];
  return (
    <span className={`inline-block w-4 text-center ${icon.className}`} title={status} aria-label={status} data-sync={status}>
      {icon.symbol}
    </span>
  );
}

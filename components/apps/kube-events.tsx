import { Time } from "@/components/ui/time";
import type { KubeEventView } from "@/lib/engine/resource-tree";

/** Kubernetes Events, newest first; warnings stand out. */
export function KubeEvents({ events, empty = "No events." }: { events: KubeEventView[]; empty?: string }) {
  if (events.length === 0) return <p className="text-sm text-slate-500">{empty}</p>;
  return (
    <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm" data-testid="kube-events">
      {events.map((e) => (
        <li key={e.uid} className="flex flex-wrap items-baseline gap-x-3 px-3 py-1.5" data-testid="kube-event">
          <span className={`text-xs font-semibold ${e.type === "Warning" ? "text-rose-700" : "text-slate-500"}`}>{e.type}</span>
          <span className="font-medium">{e.reason}</span>
          <span className="font-mono text-xs text-slate-500">{e.object}</span>
          <span className="min-w-0 flex-1 text-slate-700">{e.message}</span>
          <span className="text-xs text-slate-500">
            {e.count > 1 ? `×${e.count} · ` : ""}
            <Time value={e.lastSeen || null} />
          </span>
        </li>
      ))}
    </ul>
  );
}

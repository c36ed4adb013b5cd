import { KubeEvents } from "@/components/apps/kube-events";
import { UnifiedDiff } from "@/components/diff/unified-diff";
import { FieldChanges } from "@/components/drift/field-changes";
import { HealthBadge, SyncBadge } from "@/components/ui/badges";
import { Time } from "@/components/ui/time";
import type { ResourceDetail } from "@/lib/engine/resource-tree";

/** One tree node in full: status, live YAML (Secret values masked), diff against Git, Events. */
export function ResourceDetailPanel({ detail }: { detail: ResourceDetail }) {
  const { node } = detail;
  return (
    <section className="space-y-4" data-testid="resource-detail" aria-label={`${node.kind} ${node.name}`}>
      <header>
        <h2 className="font-mono text-sm font-semibold">{node.subject}</h2>
        <div className="mt-1 flex flex-wrap items-center gap-2 text-sm">
          {node.sync && <SyncBadge status={node.sync} />}
          <HealthBadge status={node.health.status} />
          {node.health.message && <span className="text-xs text-slate-600">{node.health.message}</span>}
        </div>
        {detail.driftSince && (
          <p className="mt-1 text-xs text-slate-600" data-testid="drift-since">
            Out of sync since <Time value={detail.driftSince} />
          </p>
        )}
      </header>
      {detail.changes.length > 0 && <FieldChanges changes={detail.changes} />}
      {node.sync && (
        <div>
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Diff against Git</h3>
          {detail.diff ? <UnifiedDiff text={detail.diff} /> : <p className="text-sm text-slate-500">Git and the cluster agree.</p>}
        </div>
      )}
      <div>
        <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Live manifest</h3>
        {detail.liveYaml ? (
          <pre className="max-h-[32rem] overflow-auto rounded-lg border border-slate-200 bg-slate-900 p-3 text-xs text-slate-100" data-testid="live-yaml">
            {detail.liveYaml}
          </pre>
        ) : (
          <p className="text-sm text-slate-500">Not in the cluster.</p>
        )}
      </div>
      <div>
        <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Events</h3>
        <KubeEvents events={detail.events} empty="No events for this object." />
      </div>
    </section>
  );
}

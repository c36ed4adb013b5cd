import type { ClusterInfo } from "@/lib/kube/cluster-info";

/** The destination cluster's connection: server, version and node readiness. */
export function ClusterPanel({ info }: { info: ClusterInfo }) {
  const ready = info.nodes.filter((n) => n.ready).length;
  return (
    <section className="mb-6 rounded-lg border border-slate-200 bg-white p-4" aria-label="Cluster">
      <div className="flex flex-wrap items-center gap-x-6 gap-y-1 text-sm">
        <span className="font-medium">Cluster “{info.cluster}”</span>
        {info.connected ? (
          <>
            <span className="text-emerald-700" data-testid="cluster-connection">
              ● Connected
            </span>
            <span className="text-slate-600">Kubernetes {info.version}</span>
            <span className="text-slate-600">
              {ready}/{info.nodes.length} node{info.nodes.length === 1 ? "" : "s"} ready
            </span>
          </>
        ) : (
          <span className="text-rose-700" data-testid="cluster-connection">
            ● Not connected: {info.error}
          </span>
        )}
        {info.server && <span className="font-mono text-xs text-slate-500">{info.server}</span>}
      </div>
    </section>
  );
}

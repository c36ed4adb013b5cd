/**
 * The clusters a clusters generator gives values for: `local` (the kubeconfig Lockstep started
 * with), every registered cluster, and every other context of the kubeconfig — the destinations
 * an app may name. Read afresh on each generation, so a newly registered cluster gets its app.
 */
import { KubeConfig } from "@kubernetes/client-node";
import type { ClusterTarget } from "./generators";

/** Where the cluster list comes from. */
export interface ClusterTargetSources {
  /** Registered clusters (lib/clusters), name and server. */
  registered(): Promise<readonly { name: string; server: string }[]>;
  /** The kubeconfig file; the client library's default when undefined. */
  kubeconfig: string | undefined;
}

/** The kubeconfig's current server and its contexts, each with its cluster's server; nothing when it cannot be read. */
function kubeconfigTargets(file: string | undefined): ClusterTarget[] {
  const kc = new KubeConfig();
  try {
    if (file) kc.loadFromFile(file);
    else kc.loadFromDefault();
  } catch {
    return [];
  }
  const serverOf = (clusterName: string | undefined) => kc.getClusters().find((c) => c.name === clusterName)?.server ?? "";
  const local: ClusterTarget = { name: "local", server: kc.getCurrentCluster()?.server ?? "" };
  return [local, ...kc.getContexts().map((context) => ({ name: context.name, server: serverOf(context.cluster) }))];
}

/** A lister of {@link ClusterTarget}s: `local`, registered clusters (whose names win), then kubeconfig contexts; unique by name, sorted after `local`. */
export function clusterTargetLister(sources: ClusterTargetSources): () => Promise<ClusterTarget[]> {
  return async () => {
    const fromFile = kubeconfigTargets(sources.kubeconfig);
    const byName = new Map<string, ClusterTarget>([["local", fromFile[0] ?? { name: "local", server: "" }]]);
    for (const cluster of await sources.registered()) if (!byName.has(cluster.name)) byName.set(cluster.name, { name: cluster.name, server: cluster.server });
    for (const context of fromFile.slice(1)) if (!byName.has(context.name)) byName.set(context.name, context);
    const [local, ...rest] = [...byName.values()];
    return [local!, ...rest.sort((a, b) => a.name.localeCompare(b.name))];
  };
}

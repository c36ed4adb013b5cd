/**
 * The watch figures of each destination cluster, read from its watch cache when Prometheus
 * scrapes (lib/cache's informers already count their failures and relists), so nothing is
 * threaded into the informers themselves.
 */
import type { WatchStatus } from "@/lib/cache/cluster-cache";

/** One cluster's watches, as `lockstep_cluster_watches` and `lockstep_cluster_watch_reconnects_total` tell them. */
export interface ClusterWatchStats {
  cluster: string;
  /** Watches (list + watch of one kind) not stopped. */
  watches: number;
  /** Times a watch had to list or watch again: failed attempts retried with backoff, and relists after `410 Gone`. */
  reconnects: number;
}

/** Something with the state of its watches: lib/cache's `ClusterCache`. */
export interface WatchedCluster {
  status(): WatchStatus[];
}

/** The stats of every cluster with a watch cache, by cluster name (pure). */
export function clusterWatchStats(caches: ReadonlyMap<string, WatchedCluster>): ClusterWatchStats[] {
  return [...caches].map(([cluster, cache]) => {
    const watches = cache.status();
    return {
      cluster,
      watches: watches.filter((w) => w.phase !== "stopped").length,
      reconnects: watches.reduce((sum, w) => sum + w.failures + w.relists, 0),
    };
  });
}

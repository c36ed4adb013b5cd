/**
 * lib/cache — the live state of each cluster, kept by watches (list + watch, as client-go's
 * informers do) and shared by every app: one watch per (cluster, kind) any app owns, plus the
 * kinds their controllers create (ReplicaSets, Pods, EndpointSlices, Jobs) and the Events of
 * the namespaces in use. Watches resume after a dropped connection, back off while the API
 * server is away, and relist on `410 Gone`. An owner-reference index gives the resource tree.
 * Computes no diffs and decides nothing.
 */
import { loadKubeConfig } from "@/lib/kube/config";
import { ClusterCache } from "./cluster-cache";

export { ClusterCache } from "./cluster-cache";
export type { CacheEvent, ClusterCacheOptions, ObjectRef, WatchStatus } from "./cluster-cache";
export { EVENT_KIND, withChildKinds } from "./child-kinds";
export type { InformerPhase } from "./informer";
export { ownerReferencesOf, uidOf, type OwnerReference } from "./owner-index";
export type { StoreChange } from "./store";

const globalForCache = globalThis as unknown as { lockstepClusterCaches?: Map<string, ClusterCache> };

function caches(): Map<string, ClusterCache> {
  globalForCache.lockstepClusterCaches ??= new Map();
  return globalForCache.lockstepClusterCaches;
}

/** The cache of a destination cluster (`local` or a kubeconfig context), created on first use. */
export function clusterCacheFor(cluster: string): ClusterCache {
  let cache = caches().get(cluster);
  if (!cache) {
    cache = new ClusterCache(loadKubeConfig(cluster));
    caches().set(cluster, cache);
  }
  return cache;
}

/** The caches created so far, by cluster name. */
export function activeClusterCaches(): ReadonlyMap<string, ClusterCache> {
  return caches();
}

/** Stops every cluster's watches (tests, shutdown). */
export function stopClusterCaches(): void {
  for (const cache of caches().values()) cache.stop();
  caches().clear();
}

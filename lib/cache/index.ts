/**
 * lib/cache — the live state of each cluster, kept by watches (list + watch, as client-go's
 * informers do) and shared by every app: one watch per (cluster, kind) any app owns, plus the
 * kinds their controllers create (ReplicaSets, Pods, EndpointSlices, Jobs) and the Events of
 * the namespaces in use. Watches resume after a dropped connection, back off while the API
 * server is away, and relist on `410 Gone`. An owner-reference index gives the resource tree.
 * Computes no diffs and decides nothing.
 */
export { ClusterCache } from "./cluster-cache";
export { Clusters, type ClustersOptions } from "./clusters";
export type { CacheEvent, ClusterCacheOptions, ObjectRef, WatchStatus } from "./cluster-cache";
export { EVENT_KIND, withChildKinds } from "./child-kinds";
export type { InformerPhase } from "./informer";
export { ownerReferencesOf, uidOf, type OwnerReference } from "./owner-index";
export type { StoreChange } from "./store";
export { StringPool } from "./string-pool";

import { getClusterInfo, type ClusterInfo } from "@/lib/kube/cluster-info";
import { KubeConfigs, type RegisteredConfigs } from "@/lib/kube/config";
import { KubeObjectClient } from "@/lib/kube/object-client";
import { ClusterCache, type ClusterCacheOptions } from "./cluster-cache";

/** Options of {@link Clusters}. */
export interface ClustersOptions {
  /** The kubeconfig file whose current context is `local` and whose contexts are the other destinations. */
  kubeconfig: string | undefined;
  /** The clusters registered through the API (lib/clusters), whose names win over the kubeconfig's contexts. */
  registered?: RegisteredConfigs;
  /** Options of every cluster's watch cache. */
  cache?: ClusterCacheOptions;
}

/**
 * The destination clusters of one engine: their configurations, one watch cache each
 * (created on first use, shared by every app deploying there), and a way to stop them all.
 */
export class Clusters {
  readonly configs: KubeConfigs;
  private readonly caches = new Map<string, ClusterCache>();

  constructor(private readonly options: ClustersOptions) {
    this.configs = new KubeConfigs(options.kubeconfig, options.registered);
  }

  /** The watch cache of a destination (`local`, a registered cluster or a kubeconfig context). @throws Error when the destination cannot be configured. */
  cache(cluster: string): ClusterCache {
    let cache = this.caches.get(cluster);
    if (!cache) {
      cache = new ClusterCache(this.configs.load(cluster), this.options.cache);
      this.caches.set(cluster, cache);
    }
    return cache;
  }

  /** A fresh API client of a destination, for work the cache does not do. */
  client(cluster: string): KubeObjectClient {
    return KubeObjectClient.forConfig(this.configs.load(cluster));
  }

  /** A destination's version and nodes; never throws. */
  info(cluster: string): Promise<ClusterInfo> {
    return getClusterInfo(this.configs, cluster);
  }

  /** The caches created so far, by cluster name. */
  active(): ReadonlyMap<string, ClusterCache> {
    return this.caches;
  }

  /**
   * Stops a destination's watches and drops its cache, so the next use connects afresh (a
   * registered cluster whose server or credentials changed, or that was deleted).
   */
  forget(cluster: string): void {
    this.caches.get(cluster)?.stop();
    this.caches.delete(cluster);
  }

  /** Stops every cluster's watches. */
  stop(): void {
    for (const cache of this.caches.values()) cache.stop();
    this.caches.clear();
  }
}

/**
 * An in-memory stand-in for one cluster, for the engine's unit tests: it keeps objects by
 * subject, answers applies (a dry run changes nothing) and deletions, and can hold applies
 * until they are aborted, so tests see what the engine does with requests in flight. It makes
 * no claim about Kubernetes itself — the integration tests run the real API server.
 */
import type { CacheEvent } from "@/lib/cache";
import type { ClusterInfo } from "@/lib/kube/cluster-info";
import { keyOf, subjectOf, trackedAppOf, type KubeObject } from "@/lib/types";
import type { ClusterAccess, LiveCluster } from "../context";

type Ref = Pick<KubeObject, "apiVersion" | "kind"> & { metadata: { name: string; namespace?: string } };

/** The cluster-scoped kinds these tests use. */
export const CLUSTER_SCOPED = new Set(["Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition"]);

/** How the cluster answers a real (not dry-run) apply of an object. */
export type ApplyBehaviour = "accept" | "hold";

/** One cluster kept in memory. */
export class MemoryCluster implements LiveCluster {
  readonly objects = new Map<string, KubeObject>();
  /** Names of objects whose real apply has started, in order. */
  readonly applyStarted: string[] = [];
  /** Names of objects whose apply was aborted while held. */
  readonly applyAborted: string[] = [];
  private readonly listeners = new Set<(event: CacheEvent) => void>();
  private uid = 0;
  behaviour: (obj: KubeObject) => ApplyBehaviour = () => "accept";

  readonly client: LiveCluster["client"] = {
    describeKind: async (_apiVersion: string, kind: string) => ({ resource: "things", namespaced: !CLUSTER_SCOPED.has(kind), verbs: ["get", "patch"] }),
    applyObject: (obj, options = {}) => this.apply(obj, options),
    replaceObject: (obj, options = {}) => this.apply(obj, options),
    getObject: async (ref) => this.get(ref),
    deleteObject: async (obj) => {
      this.objects.delete(subjectOf(keyOf(obj as KubeObject)));
    },
  };

  private apply(obj: KubeObject, options: { dryRun?: boolean; signal?: AbortSignal }): Promise<KubeObject> {
    const existing = this.objects.get(subjectOf(keyOf(obj)));
    const result: KubeObject = structuredClone({ ...obj, metadata: { ...obj.metadata, uid: (existing?.metadata.uid as string | undefined) ?? `uid-${++this.uid}` } });
    if (options.dryRun) return Promise.resolve(result);
    this.applyStarted.push(obj.metadata.name);
    if (this.behaviour(obj) === "accept") {
      this.objects.set(subjectOf(keyOf(obj)), result);
      return Promise.resolve(result);
    }
    return new Promise((_resolve, reject) => {
      const abort = () => {
        this.applyAborted.push(obj.metadata.name);
        reject(options.signal?.reason ?? new Error("aborted"));
      };
      if (options.signal?.aborted) abort();
      else options.signal?.addEventListener("abort", abort, { once: true });
    });
  }

  /** Resolves once `count` real applies have started. */
  async untilApplies(count: number): Promise<void> {
    while (this.applyStarted.length < count) await new Promise((r) => setTimeout(r, 2));
  }

  /** Changes an object as another writer would, and tells the watchers. */
  edit(subject: string, change: (obj: KubeObject) => void): void {
    const current = this.objects.get(subject);
    if (!current) throw new Error(`no ${subject} in the cluster`);
    const obj = structuredClone(current);
    change(obj);
    this.objects.set(subject, obj);
    for (const listener of this.listeners) listener({ ref: { apiVersion: obj.apiVersion, kind: obj.kind }, change: { type: "modified", object: obj } });
  }

  async ensureKinds(): Promise<void> {}
  async ensureEvents(): Promise<void> {}
  get(ref: Ref): KubeObject | undefined {
    return this.objects.get(subjectOf(keyOf(ref as KubeObject)));
  }
  isWatched(): boolean {
    return true;
  }
  byUid(uid: string): KubeObject | undefined {
    return [...this.objects.values()].find((o) => o.metadata.uid === uid);
  }
  trackedBy(app: string): KubeObject[] {
    return [...this.objects.values()].filter((o) => trackedAppOf(o) === app);
  }
  childrenOf(): KubeObject[] {
    return [];
  }
  ownersOf(): KubeObject[] {
    return [];
  }
  async eventsFor(): Promise<KubeObject[]> {
    return [];
  }
  record(written: readonly KubeObject[]): void {
    for (const obj of written) this.objects.set(subjectOf(keyOf(obj)), obj);
  }
  drop(deleted: readonly Ref[]): void {
    for (const ref of deleted) this.objects.delete(subjectOf(keyOf(ref as KubeObject)));
  }
  onChange(listener: (event: CacheEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** Destination clusters kept in memory, by name. */
export class MemoryClusters implements ClusterAccess {
  readonly clusters = new Map<string, MemoryCluster>();

  cache(cluster: string): MemoryCluster {
    let found = this.clusters.get(cluster);
    if (!found) this.clusters.set(cluster, (found = new MemoryCluster()));
    return found;
  }

  client(cluster: string): ReturnType<ClusterAccess["client"]> {
    const cache = this.cache(cluster);
    return {
      describeKind: cache.client.describeKind,
      deleteObject: cache.client.deleteObject,
      listObjects: async (apiVersion: string, kind: string) => [...cache.objects.values()].filter((o) => o.apiVersion === apiVersion && o.kind === kind),
    };
  }

  async info(cluster: string): Promise<ClusterInfo> {
    return { cluster, connected: true, nodes: [] };
  }

  stop(): void {}
}

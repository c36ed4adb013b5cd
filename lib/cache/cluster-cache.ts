import { Watch, type KubeConfig } from "@kubernetes/client-node";
import { isNotFound } from "@/lib/kube/errors";
import { kindKeyOf, type KindKey, type KindRef, type KubeObject } from "@/lib/types";
import type { BackoffOptions } from "./backoff";
import { CacheClient } from "./cache-client";
import { EVENT_KIND, withChildKinds } from "./child-kinds";
import { FieldSets } from "./field-sets";
import { Informer, type InformerPhase } from "./informer";
import { StringPool } from "./string-pool";
import { OwnerIndex } from "./owner-index";
import type { StoreChange } from "./store";

/** One change seen by the cache, with the kind it belongs to. */
export interface CacheEvent {
  ref: KindRef;
  change: StoreChange;
}

/** A watch of the cache, for status pages and tests. */
export interface WatchStatus {
  apiVersion: string;
  kind: string;
  /** The namespace watched, or undefined for all. */
  namespace?: string;
  phase: InformerPhase;
  objects: number;
  relists: number;
  /** Failed list or watch attempts since the start; each was retried with backoff. */
  failures: number;
  lastError?: string;
}

/** Options of {@link ClusterCache}. */
export interface ClusterCacheOptions {
  /** Delays between failed list or watch attempts. */
  backoff?: BackoffOptions;
  /** Seconds the server keeps one watch open. @default 300 */
  watchTimeoutSeconds?: number;
}

/** A reference to one object: kind and name. */
export type ObjectRef = Pick<KubeObject, "apiVersion" | "kind"> & { metadata: { name: string; namespace?: string } };

/** The key of one watch: a kind in one namespace, or (`*`) in all of them. */
type WatchKey = `${KindKey}|${string}`;

function watchKeyOf(ref: KindRef, namespace?: string): WatchKey {
  return `${kindKeyOf(ref)}|${namespace ?? "*"}`;
}

/**
 * The live state of one cluster, shared by every app that deploys there: one informer per
 * kind any app owns (all namespaces) plus the kinds their controllers create, the cluster's
 * Events (one watch), and an owner index over all of them. Kinds are added on demand; nothing
 * ever lists the whole cluster on a refresh.
 */
export class ClusterCache {
  /** The client the cache lists with; also fine for dry runs and discovery (cached). */
  readonly client: CacheClient;
  private readonly watch: Watch;
  private readonly informers = new Map<WatchKey, Informer>();
  private readonly owners = new OwnerIndex();
  private readonly fieldSets = new FieldSets();
  private readonly strings = new StringPool();
  private readonly listeners = new Set<(event: CacheEvent) => void>();

  constructor(
    kubeConfig: KubeConfig,
    private readonly options: ClusterCacheOptions = {},
  ) {
    this.client = CacheClient.forConfig(kubeConfig);
    this.watch = new Watch(kubeConfig);
  }

  /**
   * Makes sure the given kinds, and the kinds their controllers create, are watched, and
   * waits until each has been listed once. Kinds the cluster does not serve are skipped.
   * @throws the cluster's error when a first list fails.
   */
  async ensureKinds(kinds: readonly KindRef[]): Promise<void> {
    const served: KindRef[] = [];
    for (const ref of withChildKinds(kinds)) {
      if (this.informers.has(watchKeyOf(ref)) || (await this.isServed(ref))) served.push(ref);
    }
    await Promise.all(served.map((ref) => this.informerFor(ref).waitForSync()));
  }

  /**
   * Makes sure Events are watched: one watch of the whole cluster's Events, whatever the
   * namespaces asked for (a watch per namespace meant a thousand watches at a thousand apps).
   * The watch only streams new Events to listeners (live notices); none are kept — a page that
   * lists Events reads them from the API server (`eventsFor`), as a thousand apps' Events were a
   * sixth of the cache.
   */
  async ensureEvents(namespaces: readonly string[]): Promise<void> {
    if (namespaces.some(Boolean)) await this.informerFor(EVENT_KIND).waitForSync();
  }

  /** The cached object, or undefined when it does not exist (or its kind is not watched). */
  get(ref: ObjectRef): KubeObject | undefined {
    return this.informers.get(watchKeyOf(ref))?.store.get(ref.metadata.namespace, ref.metadata.name);
  }

  /** True when the object's kind is watched and listed, so `get` is authoritative. */
  isWatched(ref: KindRef): boolean {
    return this.informers.get(watchKeyOf(ref))?.isSynced ?? false;
  }

  /** Every cached object of a kind. */
  list(ref: KindRef): KubeObject[] {
    return this.informers.get(watchKeyOf(ref))?.store.list() ?? [];
  }

  /** The cached object with this uid. */
  byUid(uid: string): KubeObject | undefined {
    return this.owners.get(uid);
  }

  /** The cached objects whose tracking annotation names this app. */
  trackedBy(app: string): KubeObject[] {
    return this.owners.trackedBy(app);
  }

  /** The cached objects owned by `uid`. */
  childrenOf(uid: string): KubeObject[] {
    return this.owners.childrenOf(uid);
  }

  /** The chain of cached owners above an object, nearest first. */
  ownersOf(obj: KubeObject): KubeObject[] {
    return this.owners.ownersOf(obj);
  }

  /**
   * The Events of a namespace whose involved object has one of these uids, read from the API
   * server (one object's by a field selector on its uid).
   */
  async eventsFor(namespace: string, uids: ReadonlySet<string>): Promise<KubeObject[]> {
    if (uids.size === 0) return [];
    const path = await this.client.collectionPath(EVENT_KIND.apiVersion, EVENT_KIND.kind, namespace);
    if (!path) return [];
    const query = uids.size === 1 ? { fieldSelector: `involvedObject.uid=${[...uids][0]}` } : {};
    const { items } = await this.client.listCollection(path, EVENT_KIND, query);
    return items.filter((e) => uids.has(String((e.involvedObject as { uid?: string } | undefined)?.uid ?? "")));
  }

  /**
   * Takes in objects Lockstep itself just wrote (the API's answers to its applies), so a
   * refresh right after sees its own writes even before the watch delivers them. A newer
   * version already cached wins; only kinds already watched are touched.
   */
  record(written: readonly KubeObject[]): void {
    for (const obj of written) this.informers.get(watchKeyOf(obj))?.accept(obj);
  }

  /** Drops objects Lockstep itself just deleted, before the watch reports them gone. */
  drop(deleted: readonly ObjectRef[]): void {
    for (const ref of deleted) this.informers.get(watchKeyOf(ref))?.forget(ref);
  }

  /** Hears every change of every watched kind; returns the function that stops listening. */
  onChange(listener: (event: CacheEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The state of every watch. */
  status(): WatchStatus[] {
    return [...this.informers.values()].map((informer) => {
      const { ref, namespace } = informer;
      return {
        apiVersion: ref.apiVersion,
        kind: ref.kind,
        ...(namespace === undefined ? {} : { namespace }),
        phase: informer.phase,
        objects: informer.store.size,
        relists: informer.relists,
        failures: informer.failuresSinceStart,
        ...(informer.lastError ? { lastError: informer.lastError } : {}),
      };
    });
  }

  /** Stops every watch. */
  stop(): void {
    for (const informer of this.informers.values()) informer.stop();
    this.informers.clear();
    this.listeners.clear();
  }

  /** Whether the cluster serves a kind; an API group it does not know at all counts as no. */
  private async isServed(ref: KindRef): Promise<boolean> {
    try {
      return (await this.client.describeKind(ref.apiVersion, ref.kind)) !== undefined;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  private informerFor(ref: KindRef, namespace?: string): Informer {
    const key = watchKeyOf(ref, namespace);
    let informer = this.informers.get(key);
    if (informer) return informer;
    const indexed = ref.kind !== EVENT_KIND.kind;
    informer = new Informer({
      keepObjects: indexed,
      fieldSets: this.fieldSets,
      strings: this.strings,
      client: this.client,
      watch: this.watch,
      ref,
      namespace,
      backoff: this.options.backoff,
      watchTimeoutSeconds: this.options.watchTimeoutSeconds,
      onChanges: (changes) => {
        for (const change of changes) {
          if (indexed) {
            if (change.type === "deleted") this.owners.remove(change.object);
            else this.owners.upsert(change.object);
          }
          for (const listener of this.listeners) listener({ ref, change });
        }
      },
    });
    this.informers.set(key, informer);
    informer.start();
    return informer;
  }
}

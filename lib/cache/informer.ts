import type { Watch } from "@kubernetes/client-node";
import { describeKubeError } from "@/lib/kube/errors";
import { backoffDelay } from "@/lib/retry";
import type { KindRef, KubeObject } from "@/lib/types";
import { WATCH_BACKOFF, type BackoffOptions } from "./backoff";
import type { CacheClient, CollectionQuery } from "./cache-client";
import { resourceVersionOf } from "./resource-version";
import { ObjectStore, type StoreChange } from "./store";
import type { FieldSets } from "./field-sets";
import type { StringPool } from "./string-pool";
import { trimForCache } from "./trim";

/** What an informer is doing. */
export type InformerPhase = "starting" | "watching" | "reconnecting" | "stopped";

/** Options of {@link Informer}. */
export interface InformerOptions {
  client: Pick<CacheClient, "collectionPath" | "listCollection" | "collectionVersion">;
  watch: Pick<Watch, "watch">;
  ref: KindRef;
  /** Watch one namespace only. @default all namespaces */
  namespace?: string;
  query?: CollectionQuery;
  /** Hears every change, after the store holds it. */
  onChanges: (changes: StoreChange[]) => void;
  /**
   * Keep the objects in the store. When false the informer only streams what changes from now
   * on (its first "list" reads just the collection's resource version), for kinds the engine
   * reads from the API server when asked, such as Events. @default true
   */
  keepObjects?: boolean;
  /** Shares the field sets of kept objects' `managedFields` (see {@link FieldSets}). */
  fieldSets?: FieldSets;
  /** Shares the short string values of kept objects (see {@link StringPool}). */
  strings?: StringPool;
  /** Delays between failed attempts. */
  backoff?: BackoffOptions;
  /**
   * How long the server keeps one watch open before closing it cleanly; the informer then
   * resumes from the last resource version. Randomized up to +50%. @default 300 s
   */
  watchTimeoutSeconds?: number;
}

/** The outcome of one watch connection. */
interface WatchEnd {
  error?: unknown;
  /** The server said the resource version is too old (410 Gone): relist. */
  gone: boolean;
  /** Events received, bookmarks included. */
  received: number;
}

function isGoneError(error: unknown): boolean {
  const e = error as { statusCode?: unknown; code?: unknown } | undefined;
  return e?.statusCode === 410 || e?.code === 410 || describeKubeError(error).status === 410;
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === "TimeoutError";
}

/**
 * List + watch of one kind, after client-go's reflector: list once (keeping the list's
 * resource version), then watch from there, applying every event to an {@link ObjectStore}.
 * A dropped connection resumes from the last resource version seen (bookmarks included);
 * failures back off exponentially; `410 Gone` — the version was compacted away, as after an
 * API server restart — relists and reports the difference as changes, so the cache is
 * correct again without anyone asking.
 */
export class Informer {
  /** The cached objects. */
  readonly store = new ObjectStore();
  private phaseValue: InformerPhase = "starting";
  private resourceVersion = "";
  private synced = false;
  private stopped = false;
  private failures = 0;
  private relistCount = 0;
  private failureCount = 0;
  private lastErrorText: string | undefined;
  private abortWatch: AbortController | undefined;
  private wake: (() => void) | undefined;
  private waiters: { resolve: () => void; reject: (error: Error) => void }[] = [];
  private path: string | undefined;

  constructor(private readonly options: InformerOptions) {}

  /** The kind watched. */
  get ref(): KindRef {
    return this.options.ref;
  }

  /** The one namespace watched, or undefined for all. */
  get namespace(): string | undefined {
    return this.options.namespace;
  }

  /** The phase, for status pages. */
  get phase(): InformerPhase {
    return this.phaseValue;
  }

  /** The last error, while not watching. */
  get lastError(): string | undefined {
    return this.lastErrorText;
  }

  /** How many times the informer listed the collection again after the first list. */
  get relists(): number {
    return this.relistCount;
  }

  /** How many list or watch attempts failed (the API server was away, say) since the start. */
  get failuresSinceStart(): number {
    return this.failureCount;
  }

  /** True once the first list is in the store. */
  get isSynced(): boolean {
    return this.synced;
  }

  /** Starts listing and watching in the background. */
  start(): void {
    void this.run();
  }

  /**
   * Resolves once the first list is in the store. Rejects when the first attempt failed
   * (the informer keeps retrying in the background), so callers report the cluster's error
   * instead of waiting forever.
   */
  waitForSync(): Promise<void> {
    if (this.synced) return Promise.resolve();
    if (this.lastErrorText !== undefined && this.failures > 0) return Promise.reject(new Error(this.lastErrorText));
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Stops watching; the store keeps its last content. */
  stop(): void {
    this.stopped = true;
    this.phaseValue = "stopped";
    this.abortWatch?.abort();
    this.wake?.();
    for (const waiter of this.waiters.splice(0)) waiter.reject(new Error(`The watch of ${this.options.ref.kind} was stopped.`));
  }

  /** Puts an object read directly from the API into the store (newer versions only). */
  accept(obj: KubeObject): void {
    this.emit(this.store.upsert(this.prepared(obj)));
  }

  /** Removes an object the API says is gone. */
  forget(obj: Pick<KubeObject, "metadata">): void {
    this.emit(this.store.remove(obj));
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        if (!this.resourceVersion) await this.list();
        this.phaseValue = "watching";
        const end = await this.watchOnce();
        if (this.stopped) return;
        if (end.received > 0) this.failures = 0;
        if (end.gone || isGoneError(end.error)) {
          this.resourceVersion = "";
          this.relistCount += 1;
          continue;
        }
        if (end.error && !isTimeout(end.error)) throw end.error;
      } catch (error) {
        if (this.stopped) return;
        this.failed(error);
        await this.sleep(backoffDelay(this.failures, { ...WATCH_BACKOFF, ...this.options.backoff }));
      }
    }
  }

  private get keepsObjects(): boolean {
    return this.options.keepObjects ?? true;
  }

  private async list(): Promise<void> {
    const path = await this.collectionPath();
    let changes: StoreChange[] = [];
    if (this.keepsObjects) {
      const list = await this.options.client.listCollection(path, this.options.ref, this.options.query);
      changes = this.store.replace(list.items.map((obj) => this.prepared(obj)));
      this.resourceVersion = list.resourceVersion;
    } else {
      this.resourceVersion = await this.options.client.collectionVersion(path, this.options.query);
    }
    this.failures = 0;
    this.lastErrorText = undefined;
    const first = !this.synced;
    this.synced = true;
    if (first) for (const waiter of this.waiters.splice(0)) waiter.resolve();
    if (changes.length > 0) this.options.onChanges(changes);
  }

  private async collectionPath(): Promise<string> {
    if (this.path) return this.path;
    const { ref, namespace, client } = this.options;
    const path = await client.collectionPath(ref.apiVersion, ref.kind, namespace);
    if (!path) throw new Error(`The cluster does not serve ${ref.kind} in ${ref.apiVersion}.`);
    this.path = path;
    return path;
  }

  private watchOnce(): Promise<WatchEnd> {
    const timeout = this.options.watchTimeoutSeconds ?? 300;
    const params: Record<string, string | boolean | number> = {
      resourceVersion: this.resourceVersion,
      allowWatchBookmarks: true,
      timeoutSeconds: Math.round(timeout * (1 + Math.random() / 2)),
    };
    if (this.options.query?.labelSelector) params.labelSelector = this.options.query.labelSelector;
    if (this.options.query?.fieldSelector) params.fieldSelector = this.options.query.fieldSelector;
    return new Promise<WatchEnd>((resolve) => {
      const end: WatchEnd = { gone: false, received: 0 };
      const onEvent = (type: string, obj: KubeObject) => this.handleEvent(type, obj, end);
      const done = (error: unknown) => resolve({ ...end, ...(error ? { error } : {}) });
      this.options.watch
        .watch(this.path as string, params, onEvent, done)
        .then((controller) => {
          this.abortWatch = controller;
          if (this.stopped) controller.abort();
        })
        .catch(done);
    });
  }

  private handleEvent(type: string, obj: KubeObject, end: WatchEnd): void {
    end.received += 1;
    if (type === "ERROR") {
      const status = obj as unknown as { code?: number; message?: string };
      if (status.code === 410) end.gone = true;
      else this.lastErrorText = status.message ?? "the watch reported an error";
      return;
    }
    const version = resourceVersionOf(obj);
    if (!this.keepsObjects) this.stream(type, obj);
    else if (type === "ADDED" || type === "MODIFIED") this.emit(this.store.upsert(this.prepared(obj)));
    else if (type === "DELETED") this.emit(this.store.remove(obj));
    if (version) this.resourceVersion = version;
  }

  /** The object as stored: typed (list items may lack apiVersion and kind) and trimmed (see `trimForCache`). */
  private prepared(obj: KubeObject): KubeObject {
    const { apiVersion, kind } = this.options.ref;
    const trimmed = trimForCache(obj.apiVersion === apiVersion && obj.kind === kind ? obj : { ...obj, apiVersion, kind });
    const { fieldSets, strings } = this.options;
    const shared = fieldSets ? fieldSets.share(trimmed) : trimmed;
    return strings ? strings.share(shared) : shared;
  }

  /** Passes a watch event on without storing it (see `keepObjects`). */
  private stream(type: string, obj: KubeObject): void {
    const kinds: Record<string, StoreChange["type"] | undefined> = { ADDED: "added", MODIFIED: "modified", DELETED: "deleted" };
    const change = kinds[type];
    if (change) this.emit({ type: change, object: this.prepared(obj) });
  }

  private emit(change: StoreChange | undefined): void {
    if (change) this.options.onChanges([change]);
  }

  private failed(error: unknown): void {
    this.failures += 1;
    this.failureCount += 1;
    this.phaseValue = "reconnecting";
    this.lastErrorText = `${this.options.ref.kind}: ${describeKubeError(error).message}`;
    if (!this.synced) for (const waiter of this.waiters.splice(0)) waiter.reject(new Error(this.lastErrorText));
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

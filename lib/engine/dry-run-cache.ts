/**
 * Verdicts of server-side dry runs, kept so an unchanged object is not dry-run again at every
 * comparison: the key is a pure function of the cluster, the desired object and what of the
 * live object matters ({@link dryRunKey}); the cache is an instance ({@link DryRunCache}) over
 * lru-cache, owned by whoever builds the engine.
 */
import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import { BOOKKEEPING_ANNOTATIONS } from "@/lib/diff";
import { FIELD_MANAGER, type KubeObject } from "@/lib/types";

/** How many dry-run verdicts a cache keeps by default; the least recently used goes first. */
export const DRY_RUN_CACHE_SIZE = 50_000;

/**
 * What a dry run said of one object: `"synced"` when the prediction matched the live object
 * (kept as a marker, so a large synced fleet costs a few bytes per object), else the predicted
 * object itself, to diff against.
 */
export type DryRunVerdict = "synced" | KubeObject;

/** The hash of a desired object's JSON. */
function desiredHash(desired: KubeObject): string {
  return createHash("sha256").update(JSON.stringify(desired)).digest("base64url");
}

/** The hash of a live object's fingerprint (see {@link liveFingerprint}). */
function liveHash(live: KubeObject): string {
  return createHash("sha256").update(liveFingerprint(live)).digest("base64url");
}

interface ManagedFieldsEntry {
  manager?: unknown;
  subresource?: unknown;
  time?: unknown;
}

/**
 * What of the live object a server-side apply's outcome depends on, outside what a diff
 * ignores: its content without `status`, resource version, generation and bookkeeping
 * annotations, and Lockstep's own field ownership (without timestamps) — which decides
 * what an apply removes. Controllers reporting progress, or stamping a Deployment's
 * revision, leave it unchanged, so a cached verdict stays good.
 */
function liveFingerprint(live: KubeObject): string {
  const ownership = ((live.metadata.managedFields ?? []) as ManagedFieldsEntry[])
    .filter((entry) => entry.manager === FIELD_MANAGER && entry.subresource === undefined)
    .map((entry) => ({ ...entry, time: undefined }));
  const annotations = { ...live.metadata.annotations };
  for (const annotation of BOOKKEEPING_ANNOTATIONS) delete annotations[annotation];
  const metadata = { ...live.metadata, annotations, managedFields: ownership, resourceVersion: undefined, generation: undefined };
  return JSON.stringify({ ...live, status: undefined, metadata });
}

/**
 * The cache key of a dry run: the cluster, a hash of the desired object and a hash of the live
 * object's fingerprint (see {@link liveFingerprint}; the uid is part of it). Anything that
 * could change the server's answer where a diff looks — Git's content, any write to the
 * object's spec or metadata, Lockstep's own ownership — changes the key. Undefined when there is no live object:
 * creations are not cached.
 */
export function dryRunKey(cluster: string, desired: KubeObject, live: KubeObject | undefined): string | undefined {
  if (!live?.metadata.uid) return undefined;
  return `${cluster}|${desiredHash(desired)}|${liveHash(live)}`;
}

/** Options of {@link DryRunCache}. */
export interface DryRunCacheOptions {
  /** Verdicts kept at most. @default {@link DRY_RUN_CACHE_SIZE} */
  max?: number;
}

function memo(memos: WeakMap<KubeObject, string>, obj: KubeObject, compute: (obj: KubeObject) => string): string {
  let value = memos.get(obj);
  if (value === undefined) memos.set(obj, (value = compute(obj)));
  return value;
}

/** Dry-run verdicts by {@link dryRunKey}, the least recently used dropped first once full. */
export class DryRunCache {
  private readonly entries: LRUCache<string, DryRunVerdict>;
  /**
   * Hashes already computed, by object: rendered objects and the watch cache's live objects are
   * never changed in place (a change is a new object), so a hash stays true and goes with it.
   */
  private readonly desiredHashes = new WeakMap<KubeObject, string>();
  private readonly liveHashes = new WeakMap<KubeObject, string>();

  constructor(options: DryRunCacheOptions = {}) {
    this.entries = new LRUCache({ max: Math.max(1, Math.floor(options.max ?? DRY_RUN_CACHE_SIZE)) });
  }

  /** {@link dryRunKey}, each object's hash computed once. */
  keyOf(cluster: string, desired: KubeObject, live: KubeObject | undefined): string | undefined {
    if (!live?.metadata.uid) return undefined;
    return `${cluster}|${memo(this.desiredHashes, desired, desiredHash)}|${memo(this.liveHashes, live, liveHash)}`;
  }

  /** A remembered verdict, refreshed as most recently used; undefined without a key. */
  lookup(key: string | undefined): DryRunVerdict | undefined {
    return key === undefined ? undefined : this.entries.get(key);
  }

  /** Remembers a successful dry run's verdict (failures are never cached); nothing without a key. */
  remember(key: string | undefined, verdict: DryRunVerdict): void {
    if (key !== undefined) this.entries.set(key, verdict);
  }

  /** Verdicts kept now. */
  get size(): number {
    return this.entries.size;
  }
}

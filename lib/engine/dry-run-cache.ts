import { createHash } from "node:crypto";
import { BOOKKEEPING_ANNOTATIONS } from "@/lib/diff";
import { FIELD_MANAGER, type KubeObject } from "@/lib/types";

/** How many dry-run verdicts are kept per process; the least recently used goes first. */
export const DRY_RUN_CACHE_SIZE = 50_000;

/**
 * What a dry run said of one object: `"synced"` when the prediction matched the live object
 * (kept as a marker, so a large synced fleet costs a few bytes per object), else the predicted
 * object itself, to diff against.
 */
export type DryRunVerdict = "synced" | KubeObject;

const globalForDryRuns = globalThis as unknown as { lockstepDryRuns?: Map<string, DryRunVerdict> };

function entries(): Map<string, DryRunVerdict> {
  globalForDryRuns.lockstepDryRuns ??= new Map();
  return globalForDryRuns.lockstepDryRuns;
}

const desiredHashes = new WeakMap<KubeObject, string>();

function desiredHash(desired: KubeObject): string {
  let hash = desiredHashes.get(desired);
  if (hash === undefined) {
    hash = createHash("sha256").update(JSON.stringify(desired)).digest("base64url");
    desiredHashes.set(desired, hash);
  }
  return hash;
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
  const liveHash = createHash("sha256").update(liveFingerprint(live)).digest("base64url");
  return `${cluster}|${desiredHash(desired)}|${liveHash}`;
}

/** A remembered verdict, refreshed as most recently used. */
export function cachedDryRun(key: string | undefined): DryRunVerdict | undefined {
  if (key === undefined) return undefined;
  const map = entries();
  const found = map.get(key);
  if (found !== undefined) {
    map.delete(key);
    map.set(key, found);
  }
  return found;
}

/** Remembers a successful dry run's verdict (failures are never cached). */
export function rememberDryRun(key: string | undefined, verdict: DryRunVerdict): void {
  if (key === undefined) return;
  const map = entries();
  map.delete(key);
  map.set(key, verdict);
  while (map.size > DRY_RUN_CACHE_SIZE) map.delete(map.keys().next().value as string);
}

import { createHash } from "node:crypto";
import type { KubeObject } from "@/lib/types";

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
  time?: unknown;
  subresource?: unknown;
}

/**
 * The live object without what a write to its status changes: the `status`, the resource
 * version and generation, and the field managers of the status subresource, other managers
 * without their timestamps. A server-side apply's outcome outside `status` depends only on
 * what is left, so controllers reporting progress do not make a cached verdict stale.
 */
function liveFingerprint(live: KubeObject): string {
  const managers = ((live.metadata.managedFields ?? []) as ManagedFieldsEntry[])
    .filter((entry) => entry.subresource !== "status")
    .map((entry) => ({ ...entry, time: undefined }));
  const metadata = { ...live.metadata, managedFields: managers, resourceVersion: undefined, generation: undefined };
  return JSON.stringify({ ...live, status: undefined, metadata });
}

/**
 * The cache key of a dry run: the cluster, a hash of the desired object and a hash of the live
 * object apart from its status (see {@link liveFingerprint}; the uid is part of it). Anything
 * that could change the server's answer outside `status` — Git's content, any write to the
 * object's spec or metadata — changes the key. Undefined when there is no live object:
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

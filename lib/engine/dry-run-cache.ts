import { createHash } from "node:crypto";
import type { KubeObject } from "@/lib/types";

/** How many dry-run results are kept per process; the least recently used goes first. */
export const DRY_RUN_CACHE_SIZE = 5000;

const globalForDryRuns = globalThis as unknown as { lockstepDryRuns?: Map<string, KubeObject> };

function entries(): Map<string, KubeObject> {
  globalForDryRuns.lockstepDryRuns ??= new Map();
  return globalForDryRuns.lockstepDryRuns;
}

/**
 * The cache key of a dry run: the cluster, a hash of the desired object and the live
 * object's uid and resource version. Anything that could change the server's answer —
 * Git's content or any write to the live object — changes the key. Undefined when there is
 * no live object: creations are validated afresh each time (a missing namespace may appear).
 */
export function dryRunKey(cluster: string, desired: KubeObject, live: KubeObject | undefined): string | undefined {
  const version = live?.metadata.resourceVersion;
  if (typeof version !== "string" || version === "") return undefined;
  const hash = createHash("sha256").update(JSON.stringify(desired)).digest("hex");
  return `${cluster}|${hash}|${String(live?.metadata.uid ?? "")}|${version}`;
}

/** A remembered dry-run result, refreshed as most recently used. */
export function cachedDryRun(key: string | undefined): KubeObject | undefined {
  if (key === undefined) return undefined;
  const found = entries().get(key);
  if (found) {
    entries().delete(key);
    entries().set(key, found);
  }
  return found;
}

/** Remembers a successful dry-run result (failures are never cached). */
export function rememberDryRun(key: string | undefined, predicted: KubeObject): void {
  if (key === undefined) return;
  const map = entries();
  map.set(key, predicted);
  while (map.size > DRY_RUN_CACHE_SIZE) map.delete(map.keys().next().value as string);
}

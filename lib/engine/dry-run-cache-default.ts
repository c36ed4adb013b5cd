/**
 * The process's one {@link DryRunCache}, held on `globalThis` so module reloads in development
 * keep it, behind the module-level functions the comparison and the sync call today.
 * Transitional: once the engine object owns its cache, this file goes.
 */
import { DryRunCache, type DryRunVerdict } from "./dry-run-cache";

const globalForDryRuns = globalThis as unknown as { lockstepDryRunCache?: DryRunCache };

function defaultCache(): DryRunCache {
  globalForDryRuns.lockstepDryRunCache ??= new DryRunCache();
  return globalForDryRuns.lockstepDryRunCache;
}

/** A remembered verdict from the process's cache, refreshed as most recently used. */
export function cachedDryRun(key: string | undefined): DryRunVerdict | undefined {
  return defaultCache().lookup(key);
}

/** Remembers a successful dry run's verdict in the process's cache (failures are never cached). */
export function rememberDryRun(key: string | undefined, verdict: DryRunVerdict): void {
  defaultCache().remember(key, verdict);
}

/**
 * What a source tells the engine's metrics: how long each Git request to a remote took and
 * whether it failed, and how long each render took. lib/metrics' `Metrics` is the real one; a
 * source built without it reports nothing.
 */
import type { SourceType } from "./source-spec";

/** The receiver of a source's figures. */
export interface SourceMetrics {
  /** A `git ls-remote` or `git fetch` to a remote ended; `ok` is false when it failed, timed out or was cancelled. */
  gitRequest(request: { operation: "ls-remote" | "fetch"; seconds: number; ok: boolean }): void;
  /** A render completed, as the source type it rendered as. */
  rendered(render: { sourceType: SourceType; seconds: number }): void;
}

/**
 * Runs one Git request to a remote and reports it; `isOk` says whether its result was a
 * success (a rejection always counts as a failure).
 */
export async function measureGit<T>(metrics: SourceMetrics | undefined, operation: "ls-remote" | "fetch", run: () => Promise<T>, isOk: (result: T) => boolean = () => true): Promise<T> {
  if (!metrics) return run();
  const start = performance.now();
  const report = (ok: boolean) => metrics.gitRequest({ operation, seconds: (performance.now() - start) / 1000, ok });
  try {
    const result = await run();
    report(isOk(result));
    return result;
  } catch (error) {
    report(false);
    throw error;
  }
}

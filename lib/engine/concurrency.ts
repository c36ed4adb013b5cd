/**
 * A fixed list mapped with a bound on the calls in flight, over p-limit.
 */
import pLimit from "p-limit";

/** Options of {@link mapLimit}. */
export interface MapLimitOptions {
  /**
   * Stops the mapping: items not yet started are skipped and the result rejects at once with
   * the signal's reason. Calls already running are not interrupted; hand them the signal too.
   */
  signal?: AbortSignal;
}

/**
 * Maps over `items` with at most `concurrency` calls of `fn` in flight (at least one), keeping
 * the input order in the result. Rejects with the first failure, as `Promise.all` does.
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T, index: number) => Promise<R>,
  options: MapLimitOptions = {},
): Promise<R[]> {
  const { signal } = options;
  signal?.throwIfAborted();
  const limit = pLimit(Math.max(1, Math.floor(concurrency)));
  const all = limit.map(items, (item, index) => {
    signal?.throwIfAborted();
    return fn(item, index);
  });
  if (!signal) return all;
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      limit.clearQueue();
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([all, aborted]);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}

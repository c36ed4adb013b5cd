/**
 * Settles with `request`, or rejects with the signal's reason as soon as `signal` aborts. The
 * HTTP request itself is left to finish on its own connection (its answer is dropped): the
 * caller stops waiting at once, while cancelling requests in flight on the shared connection
 * pool (shared-connections.ts) was seen to wedge the server's event loop.
 */
export function abandonOnAbort<T>(request: Promise<T>, signal: AbortSignal): Promise<T> {
  request.catch(() => undefined);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    request.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/**
 * The one error type the local cluster tooling throws on purpose.
 *
 * Its message is a single sentence that names the fix, so the CLI can print it
 * as-is instead of a stack trace.
 */
export class LocalClusterError extends Error {
  override readonly name = "LocalClusterError";

  /**
   * @param message One sentence: what went wrong and what to do about it.
   * @param options.cause The underlying error, kept for debugging.
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** True when `error` is a {@link LocalClusterError}, i.e. a problem with a known fix. */
export function isLocalClusterError(error: unknown): error is LocalClusterError {
  return error instanceof LocalClusterError;
}

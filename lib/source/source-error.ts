/**
 * The base of every error `lib/source` throws on purpose, so the engine can tell
 * "Git or the manifests are wrong" (shown as an app condition) from a bug.
 * Messages are one or a few plain sentences, never a stack trace, and never
 * contain credentials.
 */
export class SourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Whether `error` is any {@link SourceError}. */
export function isSourceError(error: unknown): error is SourceError {
  return error instanceof SourceError;
}

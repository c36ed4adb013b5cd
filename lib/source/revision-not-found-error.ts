import { SourceError } from "./source-error";

/**
 * The repository answered, but it has no branch, tag or commit by that name —
 * a mistake in the app's spec rather than an outage. The message reads
 * `revision "x" not found in <url>` (URL without credentials).
 */
export class RevisionNotFoundError extends SourceError {
  /** The revision as the app asked for it. */
  readonly revision: string;
  /** The repository URL without credentials. */
  readonly repoUrl: string;

  constructor(revision: string, repoUrl: string) {
    super(`revision "${revision}" not found in ${repoUrl}`);
    this.revision = revision;
    this.repoUrl = repoUrl;
  }
}

/** Whether `error` is a {@link RevisionNotFoundError}. */
export function isRevisionNotFoundError(error: unknown): error is RevisionNotFoundError {
  return error instanceof RevisionNotFoundError;
}

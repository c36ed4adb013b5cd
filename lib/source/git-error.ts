import { SourceError } from "./source-error";

/** What a failed `git` process left behind, credentials already removed. */
export interface GitErrorDetails {
  /** The git subcommand, e.g. `fetch` or `ls-remote`. */
  command: string;
  /** Exit code; `null` when the process was killed (for example on timeout). */
  exitCode: number | null;
  /** True when the command was killed because it ran longer than its timeout. */
  timedOut: boolean;
}

/**
 * A `git` command failed: the repository is unreachable, credentials were refused,
 * the command timed out or the mirror is damaged. The engine reports it as
 * `RepoUnreachable`. The message quotes git's own stderr with credentials redacted.
 */
export class GitError extends SourceError {
  /** The git subcommand that failed, e.g. `fetch`. */
  readonly command: string;
  /** Exit code of git; `null` when it was killed. */
  readonly exitCode: number | null;
  /** True when git ran out of time. */
  readonly timedOut: boolean;

  constructor(message: string, details: GitErrorDetails) {
    super(message);
    this.command = details.command;
    this.exitCode = details.exitCode;
    this.timedOut = details.timedOut;
  }
}

/** Whether `error` is a {@link GitError}. */
export function isGitError(error: unknown): error is GitError {
  return error instanceof GitError;
}

import { DomainError, type DomainErrorKind } from "@/lib/errors";

/** Options for {@link SetImageError}. */
export interface SetImageErrorOptions {
  /**
   * `invalid` for bad input, `conflict` when the branch kept moving, `unreachable` when the Git
   * host failed, `refused` when the server will not write to the repository at all.
   */
  kind: Extract<DomainErrorKind, "invalid" | "conflict" | "unreachable" | "refused">;
  /** The error that led to this one. */
  cause?: unknown;
  /**
   * What Git said, credentials removed: for a CLI's user or the server log, never for an HTTP
   * answer (it can name internal hosts and paths).
   */
  detail?: string;
}

/**
 * `set-image` could not do what it was asked; nothing was pushed. The message
 * is one fixed sentence per failure, safe to answer over HTTP; Git's own words
 * are in `detail`.
 */
export class SetImageError extends DomainError {
  readonly kind: SetImageErrorOptions["kind"];
  readonly detail: string | undefined;
  constructor(message: string, options: SetImageErrorOptions) {
    super(message, { cause: options.cause });
    this.kind = options.kind;
    this.detail = options.detail;
  }
}

/** Whether `error` is a {@link SetImageError}. */
export function isSetImageError(error: unknown): error is SetImageError {
  return error instanceof SetImageError;
}

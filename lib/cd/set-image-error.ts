import { DomainError, type DomainErrorKind } from "@/lib/errors";

/** Options for {@link SetImageError}. */
export interface SetImageErrorOptions {
  /** `invalid` for bad input, `conflict` when the branch kept moving, `unreachable` when the Git host failed. */
  kind: Extract<DomainErrorKind, "invalid" | "conflict" | "unreachable">;
  /** The error that led to this one. */
  cause?: unknown;
}

/**
 * `set-image` could not do what it was asked; nothing was pushed. The message
 * is one sentence, safe to print (credentials are already removed).
 */
export class SetImageError extends DomainError {
  readonly kind: SetImageErrorOptions["kind"];
  constructor(message: string, options: SetImageErrorOptions) {
    super(message, { cause: options.cause });
    this.kind = options.kind;
  }
}

/** Whether `error` is a {@link SetImageError}. */
export function isSetImageError(error: unknown): error is SetImageError {
  return error instanceof SetImageError;
}
